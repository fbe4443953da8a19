//! Presentation for Herald: themes (templates loaded at run time with the default
//! theme embedded), typed page contexts with samples, post bodies (Markdown and
//! sanitised HTML), dates in each language's calendar, and the theme's UI strings.

pub mod body;
pub mod context;
pub mod dates;
pub mod samples;
pub mod strings;
pub mod theme;
pub mod view;

pub use theme::{RenderError, Theme};
pub use view::{PageHead, SiteView};
