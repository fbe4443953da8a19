//! The items of an export: attachments, then posts and pages with their
//! terms, metadata and comments.

use std::io::{self, Write};

use chrono_tz::Tz;
use herald_core::{
    BodyFormat, Comment, CommentStatus, Media, PAGE_KIND, Post, Status, Taxonomy, permalink,
};

use super::{Site, group_slug};
use crate::wxr::writer::{XmlOut, cdata, escape, rss_date, wp_slug, wxr_date};

impl Site<'_> {
    pub(super) fn attachment<W: Write>(
        &self,
        xml: &mut XmlOut<W>,
        media: &Media,
    ) -> io::Result<()> {
        let id = self.media_ids.get(&media.id).copied().unwrap_or(media.id);
        let url = self.absolute(&media.url);
        xml.open(1, "item")?;
        xml.text(2, "title", &media.title)?;
        xml.plain(2, "link", &url)?;
        xml.plain(2, "pubDate", &rss_date(media.uploaded_at))?;
        xml.text(2, "dc:creator", "")?;
        xml.raw(&format!(
            "\t\t<guid isPermaLink=\"false\">{}</guid>\n",
            escape(&url)
        ))?;
        xml.text(2, "description", "")?;
        xml.text(2, "content:encoded", &media.description)?;
        xml.text(2, "excerpt:encoded", &media.caption)?;
        xml.plain(2, "wp:post_id", &id.to_string())?;
        self.dates(xml, media.uploaded_at, media.uploaded_at)?;
        xml.text(2, "wp:comment_status", "closed")?;
        xml.text(2, "wp:ping_status", "closed")?;
        xml.text(2, "wp:post_name", &wp_slug(&attachment_slug(media)))?;
        xml.text(2, "wp:status", "inherit")?;
        xml.plain(2, "wp:post_parent", &media.post_id.unwrap_or(0).to_string())?;
        xml.plain(2, "wp:menu_order", "0")?;
        xml.text(2, "wp:post_type", "attachment")?;
        xml.text(2, "wp:post_password", "")?;
        xml.plain(2, "wp:is_sticky", "0")?;
        xml.text(2, "wp:attachment_url", &url)?;
        if let Some(rel) = media.url.strip_prefix("/uploads/") {
            xml.meta(2, "wp:postmeta", "_wp_attached_file", rel)?;
        }
        if !media.alt.is_empty() {
            xml.meta(2, "wp:postmeta", "_wp_attachment_image_alt", &media.alt)?;
        }
        if !media.original_url.is_empty() {
            xml.meta(
                2,
                "wp:postmeta",
                "_herald_original_url",
                &media.original_url,
            )?;
        }
        xml.close(1, "item")
    }

    fn dates<W: Write>(&self, xml: &mut XmlOut<W>, at: i64, updated: i64) -> io::Result<()> {
        xml.text(2, "wp:post_date", &wxr_date(at, self.tz))?;
        xml.text(2, "wp:post_date_gmt", &wxr_date(at, Tz::UTC))?;
        xml.text(2, "wp:post_modified", &wxr_date(updated, self.tz))?;
        xml.text(2, "wp:post_modified_gmt", &wxr_date(updated, Tz::UTC))
    }

    /// The post's public address (pages by their slug path).
    fn link(&self, post: &Post) -> String {
        if post.kind != PAGE_KIND {
            return self.absolute(&permalink::post(&post.language, post.id));
        }
        let mut path = vec![post.slug.as_str()];
        let mut current = post.parent;
        while let Some(parent) = current.and_then(|id| self.posts.get(&id)) {
            if path.len() > 64 {
                break;
            }
            path.insert(0, parent.slug.as_str());
            current = parent.parent;
        }
        self.absolute(&permalink::page(&post.language, &path))
    }

    /// One post or page with its terms, metadata and comments; how many
    /// comments it carried.
    pub(super) fn item<W: Write>(&self, xml: &mut XmlOut<W>, post: &Post) -> io::Result<u64> {
        let (content, markdown) = match post.format {
            BodyFormat::Html => (post.body.as_str(), None),
            BodyFormat::Markdown => (post.body_html.as_str(), Some(post.body.as_str())),
        };
        xml.open(1, "item")?;
        xml.text(2, "title", &post.title)?;
        xml.plain(2, "link", &self.link(post))?;
        xml.plain(2, "pubDate", &rss_date(post.publish_at))?;
        let login = post.author.and_then(|id| self.logins.get(&id)).copied();
        xml.text(2, "dc:creator", login.unwrap_or_default())?;
        xml.raw(&format!(
            "\t\t<guid isPermaLink=\"false\">{}</guid>\n",
            escape(&format!("{}/?p={}", self.base, post.id))
        ))?;
        xml.text(2, "description", "")?;
        xml.text(2, "content:encoded", content)?;
        xml.text(2, "excerpt:encoded", &post.excerpt)?;
        xml.plain(2, "wp:post_id", &post.id.to_string())?;
        self.dates(xml, post.publish_at, post.updated_at)?;
        let open = if post.comments_open { "open" } else { "closed" };
        xml.text(2, "wp:comment_status", open)?;
        xml.text(2, "wp:ping_status", "closed")?;
        xml.text(2, "wp:post_name", &wp_slug(&post.slug))?;
        xml.text(2, "wp:status", wp_status(post.status))?;
        xml.plain(2, "wp:post_parent", &post.parent.unwrap_or(0).to_string())?;
        xml.plain(2, "wp:menu_order", "0")?;
        let post_type = if post.kind == PAGE_KIND {
            "page"
        } else {
            "post"
        };
        xml.text(2, "wp:post_type", post_type)?;
        xml.text(2, "wp:post_password", "")?;
        xml.plain(2, "wp:is_sticky", if post.sticky { "1" } else { "0" })?;
        self.item_terms(xml, post)?;
        self.item_meta(xml, post, markdown)?;
        let comments = self
            .comments
            .get(&post.id)
            .map_or(&[][..], |c| c.as_slice());
        for comment in comments {
            self.comment(xml, comment)?;
        }
        xml.close(1, "item")?;
        Ok(comments.len() as u64)
    }

    fn item_terms<W: Write>(&self, xml: &mut XmlOut<W>, post: &Post) -> io::Result<()> {
        let category = |xml: &mut XmlOut<W>, domain: &str, slug: &str, name: &str| {
            xml.raw(&format!(
                "\t\t<category domain=\"{domain}\" nicename=\"{}\">{}</category>\n",
                escape(slug),
                cdata(name)
            ))
        };
        for id in &post.terms {
            let (Some(term), Some(slug)) = (self.terms.get(id), self.term_slugs.get(id)) else {
                continue;
            };
            let domain = match term.taxonomy {
                Taxonomy::Topic => "category",
                Taxonomy::Tag => "post_tag",
            };
            category(xml, domain, &wp_slug(slug), &term.name)?;
        }
        let language = self
            .bundle
            .languages
            .iter()
            .find(|l| l.code == post.language)
            .map_or(post.language.as_str(), |l| l.name.as_str());
        category(xml, "language", &post.language, language)?;
        if let Some(group) = post.translation_group {
            let slug = group_slug(group);
            category(xml, "post_translations", &slug, &slug)?;
        }
        Ok(())
    }

    fn item_meta<W: Write>(
        &self,
        xml: &mut XmlOut<W>,
        post: &Post,
        markdown: Option<&str>,
    ) -> io::Result<()> {
        let rows = self.meta.get(&post.id).map_or(&[][..], |m| m.as_slice());
        for row in rows {
            xml.meta(2, "wp:postmeta", &row.key, &row.value)?;
        }
        xml.meta(2, "wp:postmeta", "_herald_format", post.format.as_str())?;
        if post.kind != PAGE_KIND && post.kind != herald_core::POST_KIND {
            xml.meta(2, "wp:postmeta", "_herald_kind", &post.kind)?;
        }
        if let Some(markdown) = markdown {
            xml.meta(2, "wp:postmeta", "_herald_markdown", markdown)?;
        }
        if let Some(image) = &post.featured_image {
            xml.meta(2, "wp:postmeta", "_herald_featured_image", image)?;
            xml.meta(2, "wp:postmeta", "_herald_featured_alt", &post.featured_alt)?;
            let thumbnail = self.media_by_url.get(image.as_str());
            if let Some(id) = thumbnail
                && !rows.iter().any(|r| r.key == "_thumbnail_id")
            {
                xml.meta(2, "wp:postmeta", "_thumbnail_id", &id.to_string())?;
            }
        }
        Ok(())
    }

    fn comment<W: Write>(&self, xml: &mut XmlOut<W>, comment: &Comment) -> io::Result<()> {
        xml.open(2, "wp:comment")?;
        xml.plain(3, "wp:comment_id", &comment.id.to_string())?;
        xml.text(3, "wp:comment_author", &comment.author_name)?;
        xml.text(3, "wp:comment_author_email", &comment.author_email)?;
        xml.text(3, "wp:comment_author_url", &comment.author_url)?;
        xml.text(3, "wp:comment_author_IP", &comment.author_ip)?;
        xml.text(3, "wp:comment_date", &wxr_date(comment.created_at, self.tz))?;
        xml.text(
            3,
            "wp:comment_date_gmt",
            &wxr_date(comment.created_at, Tz::UTC),
        )?;
        xml.text(3, "wp:comment_content", &comment.body)?;
        let approved = match comment.status {
            CommentStatus::Approved => "1",
            CommentStatus::Pending => "0",
            CommentStatus::Spam => "spam",
            CommentStatus::Trash => "trash",
        };
        xml.text(3, "wp:comment_approved", approved)?;
        xml.text(3, "wp:comment_type", &comment.kind)?;
        xml.plain(
            3,
            "wp:comment_parent",
            &comment.parent.unwrap_or(0).to_string(),
        )?;
        xml.plain(
            3,
            "wp:comment_user_id",
            &comment.user_id.unwrap_or(0).to_string(),
        )?;
        xml.close(2, "wp:comment")
    }
}

/// WordPress's word for a status.
fn wp_status(status: Status) -> &'static str {
    match status {
        Status::Published => "publish",
        Status::Scheduled => "future",
        Status::Draft => "draft",
        Status::Pending => "pending",
        Status::Private => "private",
        Status::Trash => "trash",
    }
}

/// An attachment's slug: its title, else its file name.
fn attachment_slug(media: &Media) -> String {
    let title = herald_core::slug::slugify(&media.title);
    if !title.is_empty() {
        return title;
    }
    let name = media.url.rsplit('/').next().unwrap_or_default();
    let slug = herald_core::slug::slugify(name);
    if slug.is_empty() {
        format!("media-{}", media.id)
    } else {
        slug
    }
}
