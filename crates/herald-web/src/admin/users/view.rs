//! The user pages' HTML: the list, the form (new and edit) and the delete
//! confirmation. Everything typed is escaped; passwords are never written back.

use herald_core::{Role, User};

use super::super::problems::{Problems, errors, href_query, invalid, notice_and_alert, number};
use super::super::{Text, escape};
use super::check::{Input, MAX_LOGIN_CHARS, MAX_NAME_CHARS, ROLES};
use crate::auth::password::MIN_PASSWORD_CHARS;
use crate::auth::session::SignedIn;

/// The role's name in the admin language.
pub fn role_label(text: &Text, role: Role) -> &'static str {
    let index = ROLES.iter().position(|r| *r == role).unwrap_or(0);
    text.users.roles.get(index).copied().unwrap_or("")
}

fn csrf_field(signed_in: &SignedIn) -> String {
    format!(
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\">",
        escape(&signed_in.session.csrf_token)
    )
}

/// `GET /admin/users`: every user, by login.
pub fn list(text: &Text, users: &[User], notice: Option<&str>) -> String {
    let t = &text.users;
    let q = href_query(text, "");
    let rows: String = users
        .iter()
        .map(|user| {
            format!(
                "<tr data-id=\"{id}\"><td class=\"admin-login\">{login}</td><td>{name}</td>\
                 <td>{email}</td><td class=\"admin-role\">{role}</td>\
                 <td><a href=\"/admin/users/{id}/edit{q}\" class=\"admin-edit\">{edit}</a></td></tr>",
                id = user.id,
                login = escape(&user.login),
                name = escape(&user.display_name),
                email = escape(&user.email),
                role = escape(role_label(text, user.role)),
                edit = escape(t.edit),
            )
        })
        .collect();
    format!(
        "<h1 id=\"users-heading\">{title}</h1><p><a href=\"/admin/{q}\">{dashboard}</a> · \
         <a href=\"/admin/users/new{q}\" class=\"admin-new\">{new_user}</a></p>{notice}\
         <div class=\"admin-scroll\" role=\"region\" aria-labelledby=\"users-heading\" tabindex=\"0\">\
         <table class=\"admin-users\"><thead><tr><th scope=\"col\">{login}</th>\
         <th scope=\"col\">{name}</th><th scope=\"col\">{email}</th><th scope=\"col\">{role}</th>\
         <th scope=\"col\">{edit}</th></tr></thead><tbody>{rows}</tbody></table></div>",
        title = escape(t.users),
        dashboard = escape(text.dashboard),
        new_user = escape(t.new_user),
        notice = notice_and_alert(notice, None),
        login = escape(text.login),
        name = escape(t.display_name),
        email = escape(t.email),
        role = escape(t.role),
        edit = escape(t.edit),
    )
}

/// The new-user or edit-user form.
pub struct FormPage<'a> {
    pub text: &'static Text,
    pub signed_in: &'a SignedIn,
    /// The user being edited; `None` for a new one.
    pub existing: Option<&'a User>,
    pub input: &'a Input,
    pub problems: &'a Problems,
    pub notice: Option<&'a str>,
    pub alert: Option<&'a str>,
}

impl FormPage<'_> {
    pub fn heading(&self) -> &'static str {
        if self.existing.is_some() {
            self.text.users.edit_user
        } else {
            self.text.users.new_user
        }
    }

    /// A one-line field: label, input, hint and message.
    fn line(
        &self,
        name: &'static str,
        label: &str,
        attrs: &str,
        value: &str,
        hint: &str,
    ) -> String {
        let hint = if hint.is_empty() {
            String::new()
        } else {
            format!(" <small>{}</small>", escape(hint))
        };
        format!(
            "<p><label for=\"{name}\">{label}</label> <input id=\"{name}\" name=\"{name}\" \
             value=\"{value}\"{attrs}{invalid}>{hint}{errors}</p>",
            label = escape(label),
            value = escape(value),
            invalid = invalid(self.problems, name),
            errors = errors(self.problems, name),
        )
    }

    fn roles(&self) -> String {
        let options: String = ROLES
            .iter()
            .map(|role| {
                let selected = if role.as_str() == self.input.role {
                    " selected"
                } else {
                    ""
                };
                format!(
                    "<option value=\"{v}\"{selected}>{label}</option>",
                    v = role.as_str(),
                    label = escape(role_label(self.text, *role)),
                )
            })
            .collect();
        format!(
            "<p><label for=\"role\">{label}</label> <select id=\"role\" name=\"role\"{invalid}>\
             {options}</select>{errors}</p>",
            label = escape(self.text.users.role),
            invalid = invalid(self.problems, "role"),
            errors = errors(self.problems, "role"),
        )
    }

    fn passwords(&self) -> String {
        let t = &self.text.users;
        let (legend, hint, required) = match self.existing {
            Some(_) => (t.new_password, t.keep_password_hint.to_owned(), ""),
            None => (
                self.text.password,
                t.password_hint
                    .replace("{min}", &MIN_PASSWORD_CHARS.to_string()),
                " required",
            ),
        };
        let input = |name: &'static str, label: &str| {
            format!(
                "<p><label for=\"{name}\">{label}</label> <input type=\"password\" id=\"{name}\" \
                 name=\"{name}\" autocomplete=\"new-password\"{required}{invalid}>{errors}</p>",
                label = escape(label),
                invalid = invalid(self.problems, name),
                errors = errors(self.problems, name),
            )
        };
        format!(
            "<fieldset><legend>{legend}</legend>{password}{again}<p><small>{hint}</small></p>\
             </fieldset>",
            legend = escape(legend),
            password = input("password", self.text.password),
            again = input("password_again", t.password_again),
            hint = escape(&hint),
        )
    }

    fn bio(&self) -> String {
        if self.existing.is_none() {
            return String::new();
        }
        format!(
            "<p><label for=\"bio\">{label}</label><br><textarea id=\"bio\" name=\"bio\" rows=\"5\" \
             cols=\"60\"{invalid}>\n{bio}</textarea>{errors}</p>",
            label = escape(self.text.users.bio),
            bio = escape(&self.input.bio),
            invalid = invalid(self.problems, "bio"),
            errors = errors(self.problems, "bio"),
        )
    }

    /// The "log out everywhere" form and the link to delete, on the edit page.
    fn actions(&self) -> (String, String) {
        let Some(user) = self.existing else {
            return (String::new(), String::new());
        };
        let t = &self.text.users;
        let q = href_query(self.text, "");
        let delete = format!(
            " · <a href=\"/admin/users/{id}/delete{q}\" class=\"admin-delete\">{label}</a>",
            id = user.id,
            label = escape(t.delete_user),
        );
        let log_out = format!(
            "<form method=\"post\" action=\"/admin/users/{id}/logout-everywhere{q}\" \
             class=\"admin-user-logout\">{csrf}<button type=\"submit\">{label}</button></form>",
            id = user.id,
            csrf = csrf_field(self.signed_in),
            label = escape(t.log_out_user),
        );
        (delete, log_out)
    }

    pub fn render(&self) -> String {
        let text = self.text;
        let t = &text.users;
        let input = self.input;
        let q = href_query(text, "");
        let (action, submit) = match self.existing {
            Some(user) => (format!("/admin/users/{}/edit", user.id), t.save),
            None => ("/admin/users/new".to_owned(), t.create),
        };
        let (delete, log_out) = self.actions();
        let login_attrs = format!(" maxlength=\"{MAX_LOGIN_CHARS}\" autocomplete=\"off\" required");
        let name_attrs = format!(" maxlength=\"{MAX_NAME_CHARS}\"");
        format!(
            "<h1>{heading}</h1><p><a href=\"/admin/users{q}\">{users}</a>{delete}</p>{top}\
             <form method=\"post\" action=\"{action}{q}\" class=\"admin-user\">{csrf}\
             {login}{name}{email}{roles}{slug}{bio}{passwords}\
             <p><button type=\"submit\">{submit}</button></p></form>{log_out}",
            heading = escape(self.heading()),
            users = escape(t.users),
            top = notice_and_alert(self.notice, self.alert),
            csrf = csrf_field(self.signed_in),
            login = self.line("login", text.login, &login_attrs, &input.login, ""),
            name = self.line(
                "display_name",
                t.display_name,
                &name_attrs,
                &input.display_name,
                ""
            ),
            email = self.line("email", t.email, " type=\"email\"", &input.email, ""),
            roles = self.roles(),
            slug = self.line("slug", t.slug, "", &input.slug, t.slug_hint),
            bio = self.bio(),
            passwords = self.passwords(),
            submit = escape(submit),
        )
    }
}

/// The delete confirmation.
pub struct DeletePage<'a> {
    pub text: &'static Text,
    pub signed_in: &'a SignedIn,
    pub user: &'a User,
    pub users: &'a [User],
    /// The heir chosen so far ("" for nobody).
    pub heir: &'a str,
    /// Posts and pages the user wrote.
    pub posts: u64,
    pub problems: &'a Problems,
    pub alert: Option<&'a str>,
}

impl DeletePage<'_> {
    pub fn render(&self) -> String {
        let text = self.text;
        let t = &text.users;
        let q = href_query(text, "");
        let user = self.user;
        let mut options = format!("<option value=\"\">{}</option>", escape(t.nobody));
        for other in self.users.iter().filter(|u| u.id != user.id) {
            let id = other.id.to_string();
            options.push_str(&format!(
                "<option value=\"{id}\"{selected}>{name} ({login})</option>",
                selected = if id == self.heir { " selected" } else { "" },
                name = escape(&other.display_name),
                login = escape(&other.login),
            ));
        }
        let question = t
            .delete_question
            .replace("{name}", &user.display_name)
            .replace("{login}", &user.login);
        let count = number(text, self.posts);
        format!(
            "<h1>{heading}</h1><p><a href=\"/admin/users{q}\">{users}</a></p>{alert}\
             <p>{question}</p><p class=\"admin-post-count\">{posts}</p>\
             <form method=\"post\" action=\"/admin/users/{id}/delete{q}\" class=\"admin-user-delete\">\
             {csrf}<p><label for=\"heir\">{heir}</label> <select id=\"heir\" name=\"heir\"{invalid}>\
             {options}</select>{errors}</p><p><button type=\"submit\">{delete}</button> \
             <a href=\"/admin/users/{id}/edit{q}\">{cancel}</a></p></form>",
            heading = escape(t.delete_user),
            users = escape(t.users),
            alert = notice_and_alert(None, self.alert),
            question = escape(&question),
            posts = escape(&t.post_count.replace("{count}", &count)),
            id = user.id,
            csrf = csrf_field(self.signed_in),
            heir = escape(t.heir),
            invalid = invalid(self.problems, "heir"),
            errors = errors(self.problems, "heir"),
            delete = escape(t.delete),
            cancel = escape(t.cancel),
        )
    }
}
