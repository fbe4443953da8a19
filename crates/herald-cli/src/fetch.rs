//! `--fetch-attachments`: download the old site's uploaded files, and only
//! from the public internet. The host is resolved here and every address
//! checked (no loopback, private, link-local, shared or reserved ranges), then
//! `curl` is pinned to the checked address (`--resolve`), so a second lookup
//! cannot point it elsewhere; redirects are not followed, sizes and times
//! are bounded.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Largest file fetched.
const MAX_BYTES: u64 = 256 * 1024 * 1024;
/// Longest one download may take, in seconds.
const MAX_SECONDS: u32 = 120;

/// Whether `ip` is an address on the public internet.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public_v4(v4),
            None => is_public_v6(v6),
        },
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
        || (a == 192 && b == 0 && ip.octets()[2] == 0) // IETF protocol assignments
        || (a == 198 && (18..20).contains(&b)) // benchmarking
        || a >= 240) // reserved
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00 // unique local
        || (first & 0xffc0) == 0xfe80 // link-local
        || (first & 0xffc0) == 0xfec0 // site-local (deprecated)
        || first == 0x2001 && ip.segments()[1] == 0x0db8 // documentation
        || first == 0x0064 && ip.segments()[1] == 0xff9b // NAT64
        || ip.to_ipv4().is_some()) // IPv4-compatible
}

/// `(scheme, host, port)` of an http(s) URL, or why it is refused.
fn parts(url: &str) -> Result<(&str, &str, u16), String> {
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| format!("`{url}` is not an http or https address"))?;
    let default_port = match scheme {
        "http" => 80,
        "https" => 443,
        _ => return Err(format!("`{url}`: only http and https are fetched")),
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err(format!(
            "`{url}`: addresses with credentials are not fetched"
        ));
    }
    let bad_port = || format!("`{url}`: bad port");
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let (host, after) = rest
            .split_once(']')
            .ok_or_else(|| format!("`{url}`: bad address"))?;
        match after.strip_prefix(':') {
            Some(port) => (host, port.parse::<u16>().map_err(|_| bad_port())?),
            None if after.is_empty() => (host, default_port),
            None => return Err(bad_port()),
        }
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, port.parse::<u16>().map_err(|_| bad_port())?),
            None => (authority, default_port),
        }
    };
    if host.is_empty() {
        return Err(format!("`{url}` has no host"));
    }
    Ok((scheme, host, port))
}

/// The one public address `url`'s host resolves to, or why it is refused:
/// every address it resolves to must be public.
pub fn public_address(url: &str) -> Result<IpAddr, String> {
    let (_, host, port) = parts(url)?;
    let addresses: Vec<IpAddr> = (host, port)
        .to_socket_addrs()
        .map_err(|e| format!("cannot resolve {host}: {e}"))?
        .map(|a| a.ip())
        .collect();
    let first = *addresses
        .first()
        .ok_or_else(|| format!("{host} has no address"))?;
    if let Some(bad) = addresses.iter().find(|ip| !is_public(**ip)) {
        return Err(format!(
            "{host} resolves to {bad}, which is not a public address; not fetched"
        ));
    }
    Ok(first)
}

/// Downloads into a staging folder.
#[derive(Debug, Clone)]
pub struct Fetcher {
    staging: PathBuf,
}

impl Fetcher {
    pub fn new(staging: &Path) -> Self {
        Self {
            staging: staging.to_owned(),
        }
    }

    /// Download `url` to `staging/rel`; the file, or why not.
    ///
    /// # Errors
    /// A refused address, a failed download or a file over the limits.
    pub fn fetch(&self, url: &str, rel: &str) -> Result<PathBuf, String> {
        let (_, host, port) = parts(url)?;
        let ip = public_address(url)?;
        let to = self.staging.join(rel);
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        let pinned = match ip {
            IpAddr::V4(v4) => format!("{host}:{port}:{v4}"),
            IpAddr::V6(v6) => format!("{host}:{port}:[{v6}]"),
        };
        let status = Command::new("curl")
            .args([
                "--silent",
                "--show-error",
                "--fail",
                "--proto",
                "=http,https",
            ])
            .args([
                "--max-redirs",
                "0",
                "--max-filesize",
                &MAX_BYTES.to_string(),
            ])
            .args(["--max-time", &MAX_SECONDS.to_string(), "--resolve", &pinned])
            .arg("--output")
            .arg(&to)
            .arg("--")
            .arg(url)
            .status()
            .map_err(|e| format!("cannot run curl: {e}"))?;
        if status.success() {
            Ok(to)
        } else {
            let _ = std::fs::remove_file(&to);
            Err(format!("{url}: download failed ({status})"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap_or_else(|_| panic!("{s}"))
    }

    #[test]
    fn only_public_addresses_are_fetched() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "255.255.255.255",
            "224.0.0.1",
            "::1",
            "::",
            "fc00::1",
            "fd12::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a00:1",
        ] {
            assert!(!is_public(ip(private)), "{private}");
        }
        for public in ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111"] {
            assert!(is_public(ip(public)), "{public}");
        }
    }

    #[test]
    fn loopback_hosts_are_refused_before_any_download() {
        for url in [
            "http://127.0.0.1/wp-content/uploads/a.jpg",
            "http://localhost:8080/a.jpg",
            "https://[::1]/a.jpg",
            "http://169.254.169.254/latest/meta-data",
        ] {
            let err = public_address(url).expect_err(url);
            assert!(err.contains("not a public address"), "{url}: {err}");
        }
        assert!(parts("file:///etc/passwd").is_err());
        assert!(parts("http://user:pw@example.org/").is_err());
        assert!(parts("gopher://example.org/").is_err());
    }

    #[test]
    fn urls_split_into_host_and_port() {
        assert_eq!(
            parts("https://example.org/a"),
            Ok(("https", "example.org", 443))
        );
        assert_eq!(
            parts("http://example.org:8080/a"),
            Ok(("http", "example.org", 8080))
        );
        assert_eq!(parts("http://[::1]:81/"), Ok(("http", "::1", 81)));
    }
}
