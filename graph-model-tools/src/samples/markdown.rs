//! Markdown pages with `<!-- { "blockType": ... } -->` annotations before
//! fenced code blocks.

use super::http::split;
use super::{link_requests, BlockType, Sample};

/// Extracts every annotated request/response/resource/example block.
pub fn read_markdown(source: &str, text: &str) -> Vec<Sample> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].trim_start().starts_with("<!--") {
            i += 1;
            continue;
        }
        // Collect the comment.
        let mut comment = String::new();
        let mut j = i;
        loop {
            comment.push_str(lines[j]);
            comment.push('\n');
            if lines[j].contains("-->") || j + 1 >= lines.len() {
                break;
            }
            j += 1;
        }
        i = j + 1;
        let inner = comment
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .trim();
        let annotation = crate::lenient_json::parse(inner);
        let Some(block_type) = annotation
            .as_ref()
            .and_then(|a| a.get("blockType"))
            .and_then(|b| b.as_str())
            .and_then(BlockType::parse)
        else {
            continue;
        };
        // The next fence, unless another annotation comes first.
        let Some(open) = (i..lines.len()).find(|&k| {
            let t = lines[k].trim_start();
            t.starts_with("```") || t.starts_with("~~~") || t.starts_with("<!--")
        }) else {
            break;
        };
        let fence_line = lines[open].trim_start();
        if fence_line.starts_with("<!--") {
            i = open;
            continue;
        }
        let marker = &fence_line[..3];
        let close = (open + 1..lines.len())
            .find(|&k| lines[k].trim_start().starts_with(marker))
            .unwrap_or(lines.len());
        let body = lines[open + 1..close].join("\n");
        out.push(split(
            format!("{source}#{}", out.len()),
            block_type,
            annotation,
            &body,
        ));
        i = close + 1;
    }
    link_requests(&mut out);
    out
}
