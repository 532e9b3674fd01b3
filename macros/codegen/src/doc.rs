//! Cleaning paraminfo descriptions (wikitext, or HTML from `helpformat=html`) into Markdown
//! that rustdoc renders without warnings.

/// Where `mw:` interwiki links point.
const MEDIAWIKI_ORG: &str = "https://www.mediawiki.org/wiki/";

/// Turns one description into Markdown.
pub fn markdown(text: &str) -> String {
    // Leading spaces would make Markdown code blocks, which rustdoc runs as doctests.
    let lines: Vec<String> = text
        .lines()
        .map(|line| definition_item(line.trim_start()))
        .collect();
    let text = lines.join("\n");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();

    while let Some(c) = rest.chars().next() {
        // A `*` opening a line is a list item in both wikitext and Markdown.
        let line_start = out.is_empty() || out.ends_with('\n');
        if line_start && c == '*' {
            out.push('*');
            rest = &rest[1..];
            continue;
        }
        let (text, used) = step(rest).unwrap_or_else(|| (escape(c), c.len_utf8()));
        out.push_str(&text);
        rest = &rest[used..];
    }
    tidy(&out)
}

/// A wikitext definition line (`;term:meaning`) becomes a list item (`* term: meaning`).
fn definition_item(line: &str) -> String {
    match line.strip_prefix(';').and_then(|l| l.split_once(':')) {
        Some((term, meaning)) => format!("* {}: {}", term.trim(), meaning.trim()),
        None => line.to_owned(),
    }
}

/// At most one blank line in a row, no spaces at line ends, nothing around the whole, no
/// carriage return (rustdoc refuses a bare one).
fn tidy(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines().map(|l| l.replace('\r', "")) {
        let line = line.trim_end();
        if line.is_empty() && (out.is_empty() || out.ends_with("\n\n")) {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim().to_owned()
}

/// Rewrites the markup at the start of `s`, if any: the Markdown and how many bytes it used.
fn step(s: &str) -> Option<(String, usize)> {
    if let Some(inner) = s.strip_prefix("[[") {
        let end = inner.find("]]")?;
        return Some((wiki_link(&inner[..end]), end + 4));
    }
    if let Some(inner) = s.strip_prefix('[') {
        if inner.starts_with("http://") || inner.starts_with("https://") {
            let end = inner.find(']')?;
            let (url, label) = inner[..end].split_once(' ').unwrap_or((&inner[..end], ""));
            let label = if label.is_empty() { url } else { label };
            return Some((format!("[{}]({url})", markdown(label)), end + 2));
        }
    }
    if let Some(inner) = s.strip_prefix("'''") {
        let end = inner.find("'''")?;
        return Some((format!("**{}**", markdown(&inner[..end])), end + 6));
    }
    if let Some(inner) = s.strip_prefix("''") {
        let end = inner.find("''")?;
        return Some((format!("*{}*", markdown(&inner[..end])), end + 4));
    }
    if s.starts_with("https://") || s.starts_with("http://") {
        let end = s
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | '<' | '>' | '"'))
            .unwrap_or(s.len());
        // Punctuation closing a sentence is not part of the address.
        let end = s[..end]
            .trim_end_matches(['.', ',', ';', ':', '!', '?'])
            .len();
        return Some((format!("<{}>", &s[..end]), end));
    }
    if s.starts_with('<') {
        return tag(s);
    }
    None
}

/// `[[target|label]]`: a link when the target is on mediawiki.org, the label otherwise (other
/// pages are on the wiki the snapshot came from, whose address the docs do not know).
fn wiki_link(link: &str) -> String {
    let (target, label) = link.split_once('|').unwrap_or((link, link));
    let label = markdown(label);
    match target.strip_prefix("mw:") {
        Some(page) => format!("[{label}]({MEDIAWIKI_ORG}{})", page.replace(' ', "_")),
        None => label,
    }
}

/// An HTML tag at the start of `s`.
fn tag(s: &str) -> Option<(String, usize)> {
    let end = s.find('>')?;
    let inside = &s[1..end];
    // An address in angle brackets is already a Markdown autolink.
    if inside.starts_with("http://") || inside.starts_with("https://") {
        return Some((s[..=end].to_owned(), end + 1));
    }
    let closing = inside.starts_with('/');
    let name: String = inside
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    if name.is_empty() || inside.contains('<') {
        return None;
    }
    let name = name.to_ascii_lowercase();
    let used = end + 1;

    // Code keeps its text as it is, whatever markup it holds.
    if !closing
        && matches!(
            name.as_str(),
            "code" | "kbd" | "var" | "samp" | "tt" | "nowiki"
        )
    {
        let close = format!("</{name}>");
        let body_end = s[used..].find(close.as_str())?;
        let body = strip_tags(&s[used..used + body_end]);
        let text = match name.as_str() {
            "nowiki" => body.chars().map(escape).collect(),
            _ => format!("`{}`", body.replace('`', "'")),
        };
        return Some((text, used + body_end + close.len()));
    }
    if name == "a" && !closing {
        let href = attribute(inside, "href")?;
        let close_at = s[used..].find("</a>")?;
        let label = markdown(&s[used..used + close_at]);
        return Some((format!("[{label}]({href})"), used + close_at + "</a>".len()));
    }
    let text = match (name.as_str(), closing) {
        ("strong" | "b", _) => "**",
        ("em" | "i", _) => "*",
        ("br", _) => "\n",
        ("p" | "div" | "ul" | "ol" | "dl", _) => "\n\n",
        ("li" | "dt", false) => "\n* ",
        ("dd", false) => ": ",
        // Spans and other tags only style their text, which is what matters.
        _ => "",
    };
    Some((text.to_owned(), used))
}

fn attribute(inside: &str, name: &str) -> Option<String> {
    let start = inside.find(&format!("{name}=\""))? + name.len() + 2;
    let end = inside[start..].find('"')?;
    Some(inside[start..start + end].replace("&amp;", "&"))
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Escapes what Markdown or rustdoc would read as markup.
fn escape(c: char) -> String {
    match c {
        '<' => "&lt;".to_owned(),
        '>' => "&gt;".to_owned(),
        '[' => "\\[".to_owned(),
        ']' => "\\]".to_owned(),
        '`' => "\\`".to_owned(),
        '*' => "\\*".to_owned(),
        '_' => "\\_".to_owned(),
        '#' => "\\#".to_owned(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::markdown;

    #[test]
    fn descriptions_become_markdown() {
        let cases = [
            ("Email a user.", "Email a user."),
            (
                "A <var>token</var> from [[Special:ApiHelp/query+tokens|action=query&meta=tokens]]",
                "A `token` from action=query&meta=tokens",
            ),
            ("See [[API:Email]].", "See API:Email."),
            (
                "[[mw:Special:MyLanguage/API:FAQ|FAQ]]",
                "[FAQ](https://www.mediawiki.org/wiki/Special:MyLanguage/API:FAQ)",
            ),
            (
                "[https://www.mediawiki.org/wiki/API:Main_page docs]",
                "[docs](https://www.mediawiki.org/wiki/API:Main_page)",
            ),
            ("''Note:'' use '''care'''", "*Note:* use **care**"),
            (
                "<strong>Status:</strong> <em>fine</em>",
                "**Status:** *fine*",
            ),
            ("Value <kbd>a|b</kbd>", "Value `a|b`"),
            (
                "for <code><nowiki>{{REVISIONID}}</nowiki></code> and",
                "for `{{REVISIONID}}` and",
            ),
            ("<nowiki>[[x]]</nowiki>", "\\[\\[x\\]\\]"),
            ("a < b and c > d [e]", "a &lt; b and c &gt; d \\[e\\]"),
            ("name_with*stars #1", "name\\_with\\*stars \\#1"),
            (
                "see https://example.org/x now",
                "see <https://example.org/x> now",
            ),
            ("unclosed [[link", "unclosed \\[\\[link"),
            ("  padded  ", "padded"),
            ("Values:\n* one\n* two*", "Values:\n* one\n* two\\*"),
            (
                ";<span dir=\"ltr\" lang=\"en\">groups</span>:Lists the groups.\n;x:y",
                "* groups: Lists the groups.\n* x: y",
            ),
            (
                "<div class=\"hlist\">\n* a\n</div>\n<p class=\"x\">Text.</p>",
                "* a\n\nText.",
            ),
            ("one<br>two<br/>three", "one\ntwo\nthree"),
            (
                "<p>See <a href=\"https://example.org/?a=1&amp;b=2\">this <code>x</code></a>.</p>",
                "See [this `x`](https://example.org/?a=1&b=2).",
            ),
            ("<ul><li>one</li><li>two</li></ul>", "* one\n* two"),
            ("<dl><dt>term</dt><dd>meaning</dd></dl>", "* term: meaning"),
            ("<unknowntag>text</unknowntag>", "text"),
            ("Email a user.\n\n\n\n", "Email a user."),
            ("see https://example.org/x.", "see <https://example.org/x>."),
            (
                "at https://example.org/x<br>next",
                "at <https://example.org/x>\nnext",
            ),
            ("Then <https://z>", "Then <https://z>"),
            ("one\r\ntwo\rthree", "one\ntwothree"),
            ("Para.\n\n    let x = 1;", "Para.\n\nlet x = 1;"),
        ];
        for (input, expected) in cases {
            assert_eq!(markdown(input), expected, "input: {input:?}");
        }
    }
}
