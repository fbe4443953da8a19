//! The admin interface's words, in English and Persian. The language comes
//! from `?lang=`; anything but a known code gives English.

/// One language's admin strings.
#[derive(Debug)]
pub struct Text {
    pub lang: &'static str,
    pub dir: &'static str,
    /// The query string that keeps this language on the next page.
    pub query: &'static str,
    pub admin: &'static str,
    pub sign_in: &'static str,
    pub login: &'static str,
    pub password: &'static str,
    pub wrong: &'static str,
    /// `{minutes}` is replaced by the wait.
    pub throttled: &'static str,
    pub forbidden: &'static str,
    pub dashboard: &'static str,
    /// `{name}` and `{role}` are replaced.
    pub signed_in_as: &'static str,
    pub log_out: &'static str,
    pub log_out_everywhere: &'static str,
}

const EN: Text = Text {
    lang: "en",
    dir: "ltr",
    query: "",
    admin: "Herald admin",
    sign_in: "Sign in",
    login: "Login",
    password: "Password",
    wrong: "The login or password is wrong.",
    throttled: "Too many failed attempts. Wait {minutes} minutes, then try again.",
    forbidden: "This request was refused: it did not come from this site's own form, or the form is out of date. Reload the page and try again.",
    dashboard: "Dashboard",
    signed_in_as: "Signed in as {name} ({role})",
    log_out: "Log out",
    log_out_everywhere: "Log out everywhere",
};

const FA: Text = Text {
    lang: "fa",
    dir: "rtl",
    query: "?lang=fa",
    admin: "مدیریت هرالد",
    sign_in: "ورود",
    login: "نام کاربری",
    password: "گذرواژه",
    wrong: "نام کاربری یا گذرواژه نادرست است.",
    throttled: "تلاش‌های ناموفق بیش از اندازه بود. {minutes} دقیقه صبر کنید و دوباره تلاش کنید.",
    forbidden: "این درخواست پذیرفته نشد: از فرم خود این سایت نیامده یا فرم کهنه شده است. صفحه را دوباره بارگذاری کنید و دوباره تلاش کنید.",
    dashboard: "پیشخوان",
    signed_in_as: "وارد شده با نام {name} ({role})",
    log_out: "خروج",
    log_out_everywhere: "خروج از همه‌جا",
};

impl Text {
    /// The strings for `?lang=` (English unless a known code).
    pub fn for_lang(lang: Option<&str>) -> &'static Text {
        match lang {
            Some("fa") => &FA,
            _ => &EN,
        }
    }
}
