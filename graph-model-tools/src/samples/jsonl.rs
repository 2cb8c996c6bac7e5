//! The `doc-samples` corpus: one JSON record per documentation code block.

use serde_json::Value;

use super::{link_requests, BlockType, Sample};

/// Reads the records; a line that is not a JSON object is reported with its
/// line number.
pub fn read_jsonl(source: &str, text: &str) -> Result<Vec<Sample>, crate::Error> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let rec: Value = serde_json::from_str(line).map_err(|e| crate::Error::Samples {
            place: format!("{source}:{}", n + 1),
            message: e.to_string(),
        })?;
        let s = |k: &str| rec.get(k).and_then(Value::as_str).map(str::to_string);
        let Some(block_type) = s("blockType").as_deref().and_then(BlockType::parse) else {
            continue;
        };
        let headers = rec
            .get("headers")
            .and_then(Value::as_array)
            .map(|hs| {
                hs.iter()
                    .filter_map(|h| {
                        Some((
                            h.get(0)?.as_str()?.to_string(),
                            h.get(1)?.as_str()?.to_string(),
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.push(Sample {
            id: s("id").unwrap_or_else(|| format!("{source}:{}", n + 1)),
            block_type,
            annotation: rec.get("annotation").cloned().filter(|a| a.is_object()),
            method: s("method"),
            url: s("url"),
            status: rec
                .get("status_code")
                .and_then(Value::as_u64)
                .map(|c| c as u16),
            headers,
            body: s("body"),
            request_url: None,
            request_method: None,
            request_headers: Vec::new(),
        });
    }
    // Records are in page order; link responses to requests within a page.
    let mut start = 0;
    while start < out.len() {
        let page = out[start]
            .id
            .split('#')
            .next()
            .unwrap_or_default()
            .to_string();
        let end = (start..out.len())
            .find(|&k| out[k].id.split('#').next() != Some(&page))
            .unwrap_or(out.len());
        link_requests(&mut out[start..end]);
        start = end;
    }
    Ok(out)
}
