//! herald-web
