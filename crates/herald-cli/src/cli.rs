//! Command-line interface. Every command takes `--data DIR`, so one data folder
//! can be set up, filled and served by separate commands.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::config::{self, Overrides, Settings};

/// Herald: a fast multilingual publishing system in one binary.
#[derive(Debug, Parser)]
#[command(
    name = "herald",
    version,
    about = "Herald: a fast multilingual publishing system in one binary",
    long_about = None
)]
pub struct Cli {
    /// The data folder: database, media and herald.toml.
    #[arg(
        long,
        global = true,
        env = "HERALD_DATA",
        default_value = "./herald-data"
    )]
    pub data: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the site.
    Serve(ServeArgs),
    /// Create the demo site in an empty data folder, then serve it.
    Demo {
        #[command(flatten)]
        serve: ServeArgs,
        /// Only create the demo content; do not serve.
        #[arg(long)]
        no_serve: bool,
    },
    /// Apply database migrations and exit.
    Migrate(DatabaseArgs),
    /// Copy a whole site from one database to another (SQLite ⇄ PostgreSQL), ids and all.
    Copy {
        /// Source database URL (sqlite://PATH or postgres://USER@HOST/DB).
        #[arg(long)]
        from: String,
        /// Target database URL; it must be empty unless --replace is given.
        #[arg(long)]
        to: String,
        /// Overwrite a target that already holds a site.
        #[arg(long)]
        replace: bool,
    },
    /// Fill an empty data folder with a large generated site (for benchmarks).
    Generate {
        #[command(flatten)]
        database: DatabaseArgs,
        /// How many posts to create.
        #[arg(long, default_value_t = 10_000)]
        posts: u32,
    },
    /// User accounts: add, change a password, list.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Bring a site over from another system.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Write the site out in another system's format.
    Export {
        #[command(subcommand)]
        command: ExportCommand,
    },
    /// Old addresses of an imported site.
    Redirects {
        #[command(subcommand)]
        command: RedirectsCommand,
    },
    /// Theme tools.
    Theme {
        #[command(subcommand)]
        command: ThemeCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import a WordPress export (Tools → Export → All content): authors,
    /// categories, tags, posts, pages, attachments and comments, with every
    /// old address redirecting to its new page. Running it again updates
    /// what changed.
    Wordpress {
        #[command(flatten)]
        args: crate::import::WordpressArgs,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Import a Hugo or Zola content folder: every *.md file (YAML or TOML
    /// front matter) becomes a post, or a page under pages/ or with
    /// `type: page`; old addresses and aliases redirect to the new ones.
    /// Running it again updates what changed.
    Markdown {
        /// The content folder.
        dir: PathBuf,
        /// The language of files that name none (lang: or a name.fa.md
        /// suffix); default: the site's default language.
        #[arg(long)]
        lang: Option<String>,
        /// Print the report and write nothing.
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Write the whole site as a WordPress export (WXR 1.2) that WordPress's
    /// importer (Tools → Import → WordPress) and `herald import wordpress`
    /// read: authors, topics, tags, languages and translation links
    /// (Polylang style), posts, pages, media and comments.
    Wordpress {
        /// The file to write (replaced when complete).
        file: PathBuf,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum RedirectsCommand {
    /// Follow each old address in a file (one per line) through this site
    /// and report where it lands and whether that page answers 200.
    Check {
        /// A file of old URLs or paths, one per line (# starts a comment).
        file: PathBuf,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum ThemeCommand {
    /// Render every template of the theme with sample pages.
    Check {
        /// Theme folder (templates/ and static/); the default theme when absent.
        #[arg(long, env = "HERALD_THEME")]
        theme: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user; the password is asked twice, or read from --password-file.
    Add {
        /// Login name: 1–60 letters, digits, `.`, `_` or `-`.
        login: String,
        /// admin, editor, author or contributor.
        #[arg(long)]
        role: String,
        /// Name shown on posts (default: the login).
        #[arg(long)]
        name: Option<String>,
        /// Email address.
        #[arg(long)]
        email: Option<String>,
        /// Read the password from the first line of this file instead of asking.
        #[arg(long)]
        password_file: Option<PathBuf>,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Set a user's password; asked twice, or read from --password-file.
    Passwd {
        /// The user's login.
        login: String,
        /// Read the password from the first line of this file instead of asking.
        #[arg(long)]
        password_file: Option<PathBuf>,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// List users by login.
    List {
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

/// Where the database is.
#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// Database URL: sqlite://PATH (default: herald.db in the data folder).
    #[arg(long, env = "HERALD_DATABASE_URL")]
    pub database_url: Option<String>,
}

/// How to serve.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "HERALD_BIND")]
    pub bind: Option<String>,
    /// Public base URL used in canonical links (default: http://BIND).
    #[arg(long, env = "HERALD_BASE_URL")]
    pub base_url: Option<String>,
    /// Theme folder; the embedded default theme when absent.
    #[arg(long, env = "HERALD_THEME")]
    pub theme: Option<PathBuf>,
    /// Log format: text or json.
    #[arg(long, env = "HERALD_LOG_FORMAT")]
    pub log_format: Option<String>,
    /// Minutes a sign-in session may sit unused before it ends (default 20160: two weeks).
    #[arg(long, env = "HERALD_SESSION_IDLE_MINUTES")]
    pub session_idle_minutes: Option<String>,
    /// The rules of /robots.txt (default: everything but /admin/ and search results);
    /// the Sitemap line is always added.
    #[arg(long, env = "HERALD_ROBOTS_TXT")]
    pub robots_txt: Option<String>,
    /// Seconds CDNs and browsers may keep home, archive, search pages and feeds (default 60).
    #[arg(long, env = "HERALD_CACHE_LISTING_SECONDS")]
    pub cache_listing_seconds: Option<String>,
    /// Seconds CDNs and browsers may keep posts and pages (default 300).
    #[arg(long, env = "HERALD_CACHE_POST_SECONDS")]
    pub cache_post_seconds: Option<String>,
    /// How many of the latest posts each feed carries (default 20).
    #[arg(long, env = "HERALD_FEED_ITEMS")]
    pub feed_items: Option<String>,
    /// What feed entries carry of a post: full (the default) or excerpt.
    #[arg(long, env = "HERALD_FEED_CONTENT")]
    pub feed_content: Option<String>,
    /// MiB of rendered pages kept in memory (default 64); 0 turns the page cache off.
    #[arg(long, env = "HERALD_PAGE_CACHE_MB")]
    pub page_cache_mb: Option<String>,
    /// Seconds a page may be served from the page cache at most (default 600;
    /// writes and scheduled posts end cached pages at once anyway).
    #[arg(long, env = "HERALD_PAGE_CACHE_MAX_AGE_SECONDS")]
    pub page_cache_max_age_seconds: Option<String>,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

impl ServeArgs {
    fn overrides(&self) -> Overrides {
        Overrides {
            bind: self.bind.clone(),
            base_url: self.base_url.clone(),
            database_url: self.database.database_url.clone(),
            theme: self.theme.clone(),
            log_format: self.log_format.clone(),
            session_idle_minutes: self.session_idle_minutes.clone(),
            robots_txt: self.robots_txt.clone(),
            cache_listing_seconds: self.cache_listing_seconds.clone(),
            cache_post_seconds: self.cache_post_seconds.clone(),
            feed_items: self.feed_items.clone(),
            feed_content: self.feed_content.clone(),
            page_cache_mb: self.page_cache_mb.clone(),
            page_cache_max_age_seconds: self.page_cache_max_age_seconds.clone(),
        }
    }
}

impl DatabaseArgs {
    fn overrides(self) -> Overrides {
        Overrides {
            database_url: self.database_url,
            ..Overrides::default()
        }
    }
}

fn load_settings(data: &std::path::Path, over: Overrides) -> anyhow::Result<Settings> {
    config::prepare_data_folder(data)?;
    let file = config::read_file(data)?;
    config::settings(data, file, over)
}

/// Run a parsed command line.
///
/// # Errors
/// Whatever the command reports; printed as one line by `main`.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    match cli.command {
        Command::Serve(args) => {
            let settings = load_settings(&cli.data, args.overrides())?;
            runtime.block_on(crate::serve::serve(settings))
        }
        Command::Demo { serve, no_serve } => {
            let settings = load_settings(&cli.data, serve.overrides())?;
            runtime.block_on(crate::serve::demo(settings, !no_serve))
        }
        Command::Migrate(db) => {
            let over = Overrides {
                database_url: db.database_url,
                ..Overrides::default()
            };
            let settings = load_settings(&cli.data, over)?;
            runtime.block_on(herald_store::open(&settings.database_url))?;
            println!(
                "the database is up to date: {}",
                crate::copy::display_url(&settings.database_url)
            );
            Ok(())
        }
        Command::Copy { from, to, replace } => runtime.block_on(async {
            let source = herald_store::open(&from).await?;
            let target = herald_store::open(&to).await?;
            let copied = crate::copy::copy(&source, &target, replace).await?;
            println!(
                "copied {} languages, {} users, {} topics and tags, {} posts and pages \
                 from {} to {}",
                copied.languages,
                copied.users,
                copied.terms,
                copied.posts,
                crate::copy::display_url(&from),
                crate::copy::display_url(&to)
            );
            Ok(())
        }),
        Command::Generate { database, posts } => {
            let over = Overrides {
                database_url: database.database_url,
                ..Overrides::default()
            };
            let settings = load_settings(&cli.data, over)?;
            runtime.block_on(crate::generate::generate(&settings, posts))
        }
        Command::User { command } => runtime.block_on(user(&cli.data, command)),
        Command::Import {
            command: ImportCommand::Wordpress { args, database },
        } => {
            crate::import::check(&args)?;
            let settings = load_settings(&cli.data, database.overrides())?;
            let clock = crate::clock::SystemClock;
            let summary = runtime.block_on(crate::import::wordpress(&settings, args, &clock))?;
            println!("{summary}");
            Ok(())
        }
        Command::Import {
            command:
                ImportCommand::Markdown {
                    dir,
                    lang,
                    dry_run,
                    database,
                },
        } => {
            let args = crate::markdown::MarkdownArgs { dir, lang, dry_run };
            crate::markdown::check(&args)?;
            let settings = load_settings(&cli.data, database.overrides())?;
            let clock = crate::clock::SystemClock;
            let summary = runtime.block_on(crate::markdown::import(&settings, args, &clock))?;
            println!("{summary}");
            Ok(())
        }
        Command::Export {
            command: ExportCommand::Wordpress { file, database },
        } => {
            let settings = load_settings(&cli.data, database.overrides())?;
            let summary = runtime.block_on(crate::export::wordpress(&settings, &file))?;
            println!("{summary}");
            Ok(())
        }
        Command::Redirects {
            command: RedirectsCommand::Check { file, database },
        } => {
            let settings = load_settings(&cli.data, database.overrides())?;
            let (summary, all_ok) =
                runtime.block_on(crate::redirects::check_file(&settings, &file))?;
            println!("{summary}");
            if all_ok {
                Ok(())
            } else {
                anyhow::bail!("some old addresses do not land on a page (see above)")
            }
        }
        Command::Theme {
            command: ThemeCommand::Check { theme },
        } => {
            let theme = crate::serve::load_theme(theme.as_deref())?;
            let count = herald_render::samples::check(&theme)?;
            println!("theme ok: {count} sample pages rendered");
            Ok(())
        }
    }
}

/// `herald user …`: input is checked before the data folder is prepared, so a
/// typo writes nothing.
async fn user(data: &std::path::Path, command: UserCommand) -> anyhow::Result<()> {
    let message = match command {
        UserCommand::Add {
            login,
            role,
            name,
            email,
            password_file,
            database,
        } => {
            crate::user::check_login(&login)?;
            crate::user::parse_role(&role)?;
            let settings = load_settings(data, database.overrides())?;
            let args = crate::user::AddUser {
                login,
                role,
                name,
                email,
                password_file,
            };
            crate::user::add(&settings, args).await?
        }
        UserCommand::Passwd {
            login,
            password_file,
            database,
        } => {
            crate::user::check_login(&login)?;
            let settings = load_settings(data, database.overrides())?;
            crate::user::passwd(&settings, &login, password_file.as_deref()).await?
        }
        UserCommand::List { database } => {
            let settings = load_settings(data, database.overrides())?;
            let store = crate::serve::open_store(&settings).await?;
            crate::user::list(store.as_ref()).await?
        }
    };
    println!("{message}");
    Ok(())
}
