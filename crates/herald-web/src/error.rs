//! Errors of the public site and the one place they become responses. A reader
//! never sees internals: a missing thing is a localised 404 page, an unavailable
//! database a short 503 asking to retry, anything else a plain 500.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use herald_core::StoreError;
use herald_render::RenderError;

/// Why a public request failed.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// Nothing lives at this URL; `lang` is the language to say so in.
    #[error("not found")]
    NotFound { lang: Option<String> },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Render(#[from] RenderError),
}

impl WebError {
    /// Not found, said in `lang`.
    pub fn not_found(lang: &str) -> Self {
        Self::NotFound {
            lang: Some(lang.to_owned()),
        }
    }
}

/// The response for errors other than not found (which renders a themed page).
pub fn plain_error(error: &WebError) -> Response {
    match error {
        WebError::Store(StoreError::Unavailable(reason)) => {
            tracing::warn!(%reason, "database unavailable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::RETRY_AFTER, "5")],
                "The site is briefly unavailable. Please try again in a moment.\n",
            )
                .into_response()
        }
        WebError::Store(StoreError::Conflict(reason)) => {
            (StatusCode::CONFLICT, format!("{reason}\n")).into_response()
        }
        other => {
            tracing::error!(error = %other, "request failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong on our side. Please try again later.\n",
            )
                .into_response()
        }
    }
}
