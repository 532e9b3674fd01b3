//! Cleaning paraminfo descriptions (wikitext) into Markdown that rustdoc renders without
//! warnings.

/// Turns one wikitext description into Markdown.
pub fn markdown(wikitext: &str) -> String {
    let lines: Vec<String> = wikitext.lines().map(definition_item).collect();
    let wikitext = lines.join("\n");
    let mut out = String::with_capacity(wikitext.len());
    let mut rest = wikitext.as_str();

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
    out.trim().to_owned()
}

/// A wikitext definition line (`;term:meaning`) becomes a list item (`* term: meaning`).
fn definition_item(line: &str) -> String {
    match line.strip_prefix(';').and_then(|l| l.split_once(':')) {
        Some((term, meaning)) => format!("* {}: {}", term.trim(), meaning.trim()),
        None => line.to_owned(),
    }
}

/// Rewrites the markup at the start of `s`, if any: the Markdown and how many bytes it used.
fn step(s: &str) -> Option<(String, usize)> {
    if let Some(inner) = s.strip_prefix("[[") {
        let end = inner.find("]]")?;
        let link = &inner[..end];
        let label = link.rsplit('|').next().unwrap_or(link);
        return Some((markdown(label), end + 4));
    }
    if let Some(inner) = s.strip_prefix('[') {
        if inner.starts_with("http://") || inner.starts_with("https://") {
            let end = inner.find(']')?;
            let (url, label) = inner[..end].split_once(' ').unwrap_or((&inner[..end], ""));
            let label = if label.is_empty() { url } else { label };
            return Some((format!("[{}]({url})", markdown(label)), end + 2));
        }
    }
    for tag in ["var", "kbd", "code", "samp", "tt"] {
        let open = format!("<{tag}>");
        if let Some(inner) = s.strip_prefix(open.as_str()) {
            let close = format!("</{tag}>");
            let end = inner.find(close.as_str())?;
            let code = inner[..end].replace('`', "'");
            return Some((format!("`{code}`"), open.len() + end + close.len()));
        }
    }
    // Spans only mark the language of a word; their text is what matters.
    if s.starts_with("<span") {
        return Some((String::new(), s.find('>')? + 1));
    }
    if s.starts_with("</span>") {
        return Some((String::new(), "</span>".len()));
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
            .find(|c: char| c.is_whitespace() || c == ')')
            .unwrap_or(s.len());
        return Some((format!("<{}>", &s[..end]), end));
    }
    None
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
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::markdown;

    #[test]
    fn wikitext_becomes_markdown() {
        let cases = [
            ("Email a user.", "Email a user."),
            (
                "Send a copy of this email to me.",
                "Send a copy of this email to me.",
            ),
            (
                "A <var>token</var> from [[Special:ApiHelp/query+tokens|action=query&meta=tokens]]",
                "A `token` from action=query&meta=tokens",
            ),
            ("See [[API:Email]].", "See API:Email."),
            (
                "[https://www.mediawiki.org/wiki/API:Main_page docs]",
                "[docs](https://www.mediawiki.org/wiki/API:Main_page)",
            ),
            ("''Note:'' use '''care'''", "*Note:* use **care**"),
            ("Value <kbd>a|b</kbd>", "Value `a|b`"),
            ("a <b> c [d]", "a &lt;b&gt; c \\[d\\]"),
            ("name_with*stars", "name\\_with\\*stars"),
            (
                "see https://example.org/x now",
                "see <https://example.org/x> now",
            ),
            ("unclosed [[link", "unclosed \\[\\[link"),
            ("  padded  ", "padded"),
            (
                ";<span dir=\"ltr\" lang=\"en\">groups</span>:Lists the groups.\n;x:y",
                "* groups: Lists the groups.\n* x: y",
            ),
            ("Values:\n* one\n* two*", "Values:\n* one\n* two\\*"),
        ];
        for (input, expected) in cases {
            assert_eq!(markdown(input), expected, "input: {input:?}");
        }
    }
}
