//! `Edm.Guid` and `Edm.Binary`.

use base64::Engine as _;

use super::text_primitive;

fn guid(text: &str) -> Result<(), &'static str> {
    let groups: Vec<&str> = text.split('-').collect();
    let lens = [8, 4, 4, 4, 12];
    if groups.len() != 5
        || groups
            .iter()
            .zip(lens)
            .any(|(g, n)| g.len() != n || !g.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        return Err("expected 8-4-4-4-12 hexadecimal digits");
    }
    Ok(())
}

text_primitive!(
    /// `Edm.Guid`: `23f27c15-72f9-45fe-9e9c-e3d8f75bdc44`, case kept as written.
    Guid,
    "Guid",
    guid
);

fn binary(text: &str) -> Result<(), &'static str> {
    decode(text).map(|_| ()).ok_or("not base64 or base64url")
}

fn decode(text: &str) -> Option<Vec<u8>> {
    use base64::engine::general_purpose::{STANDARD, URL_SAFE, URL_SAFE_NO_PAD};
    STANDARD
        .decode(text)
        .or_else(|_| URL_SAFE.decode(text))
        .or_else(|_| URL_SAFE_NO_PAD.decode(text))
        .ok()
}

text_primitive!(
    /// `Edm.Binary`: base64url (OData JSON) or base64 (as Graph often writes), kept as written.
    Binary,
    "Binary",
    binary
);

impl Binary {
    /// The decoded bytes.
    pub fn bytes(&self) -> Vec<u8> {
        decode(self.as_str()).expect("validated when constructed")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_and_binary() {
        assert!(Guid::parse("23F27C15-72f9-45fe-9e9c-e3d8f75bdc44").is_ok());
        assert!(Guid::parse("23f27c15-72f9-45fe-9e9c").is_err());
        assert!(Guid::parse("g3f27c15-72f9-45fe-9e9c-e3d8f75bdc44").is_err());
        assert_eq!(Binary::parse("aGk=").unwrap().bytes(), b"hi");
        assert_eq!(Binary::parse("_-8").unwrap().bytes(), vec![0xff, 0xef]);
        assert!(Binary::parse("***").is_err());
    }
}
