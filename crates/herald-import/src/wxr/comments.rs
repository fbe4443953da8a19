//! `<wp:comment>` with its `<wp:commentmeta>`, inside an item.

use std::io::BufRead;

use super::entries::{Problem, warn};
use super::fields::parse_id;
use super::reader::WxrReader;
use super::xml::{Element, Ns};
use super::{WxrComment, WxrError, WxrItem};

type Result<T> = std::result::Result<T, WxrError>;

impl<R: BufRead> WxrReader<R> {
    pub(super) fn item_comment(&mut self, item: &mut WxrItem, problem: &mut Problem) -> Result<()> {
        if item.comments.len() >= self.limits.max_comments_per_item {
            problem.set(format!(
                "more than {} comments",
                self.limits.max_comments_per_item
            ));
            return self.skip();
        }
        let mut comment = WxrComment::default();
        let mut raw_id = String::new();
        let mut comment_problem = Problem::default();
        while let Some(element) = self.child()? {
            if element.ns == Ns::Wp && element.local == "comment_id" {
                raw_id = self.field(&element, &mut comment_problem)?;
            } else {
                self.comment_child(&element, &mut comment, item, &mut comment_problem)?;
            }
        }
        let left_out = match (comment_problem.0, parse_id(&raw_id)) {
            (None, Some(id)) => {
                comment.id = id;
                item.comments.push(comment);
                return Ok(());
            }
            (Some(reason), _) => reason,
            (None, None) => format!("its id '{raw_id}' is not usable"),
        };
        warn(
            &mut item.warnings,
            format!("a comment by '{}' was left out: {left_out}", comment.author),
        );
        Ok(())
    }

    fn comment_child(
        &mut self,
        element: &Element,
        comment: &mut WxrComment,
        item: &mut WxrItem,
        problem: &mut Problem,
    ) -> Result<()> {
        let warnings = &mut item.warnings;
        if element.ns != Ns::Wp {
            return self.skip();
        }
        let field = match element.local.as_str() {
            "comment_date" => {
                comment.date = self.date(element, problem, warnings)?;
                return Ok(());
            }
            "comment_date_gmt" => {
                comment.date_gmt = self.date(element, problem, warnings)?;
                return Ok(());
            }
            "comment_parent" => {
                comment.parent = self.reference(element, problem, warnings)?;
                return Ok(());
            }
            "comment_user_id" => {
                comment.user_id = self.reference(element, problem, warnings)?;
                return Ok(());
            }
            "comment_content" => {
                let limit = self.limits.max_field_bytes;
                comment.content = self.verbatim(element, limit, problem)?;
                return Ok(());
            }
            "commentmeta" => {
                if comment.meta.len() >= self.limits.max_meta_per_item {
                    problem.set(format!(
                        "a comment with more than {} <wp:commentmeta> entries",
                        self.limits.max_meta_per_item
                    ));
                    return self.skip();
                }
                let pair = self.meta_pair(problem)?;
                comment.meta.push(pair);
                return Ok(());
            }
            "comment_author" => &mut comment.author,
            "comment_author_email" => &mut comment.author_email,
            "comment_author_url" => &mut comment.author_url,
            "comment_author_IP" => &mut comment.author_ip,
            "comment_approved" => &mut comment.approved,
            "comment_type" => &mut comment.comment_type,
            _ => return self.skip(),
        };
        *field = self.field(element, problem)?;
        Ok(())
    }
}
