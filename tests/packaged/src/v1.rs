//! The bundled v1.0 types, as a dependent with `features = ["users"]` (or
//! `["users", "groups", "drives"]`) uses them: documentation payloads read
//! and written back to the same JSON.

/// A user as the v1.0 documentation shows one (`GET /users/{id}`).
#[cfg(feature = "v1-users")]
const USER: &str = r#"{
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
  "businessPhones": ["+1 425 555 0109"],
  "displayName": "Adele Vance",
  "givenName": "Adele",
  "jobTitle": "Retail Manager",
  "mail": "AdeleV@contoso.com",
  "mobilePhone": "+1 425 555 0109",
  "officeLocation": "18/2111",
  "preferredLanguage": "en-US",
  "surname": "Vance",
  "userPrincipalName": "AdeleV@contoso.com",
  "id": "87d349ed-44d7-43e1-9a83-5f2406dee5bd"
}"#;

/// A group (`GET /groups/{id}`).
#[cfg(feature = "v1-three")]
const GROUP: &str = r#"{
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#groups/$entity",
  "id": "45b7d2e7-b882-4a80-ba97-10b7a63b8fa4",
  "createdDateTime": "2018-12-22T02:21:05Z",
  "description": "Self help community for golf",
  "displayName": "Golf Assist",
  "groupTypes": ["Unified"],
  "mail": "golfassist@contoso.com",
  "mailEnabled": true,
  "mailNickname": "golfassist",
  "securityEnabled": false,
  "visibility": "Public"
}"#;

/// A drive (`GET /drives/{id}`).
#[cfg(feature = "v1-three")]
const DRIVE: &str = r#"{
  "id": "b!t18F8ybsHUq1z3LTz8xvZqP8zaSWjkFNhsME-Fepo75dTf9vQKfeRblBZjoSQrd7",
  "driveType": "business",
  "owner": { "user": { "id": "efee1b77-fb3b-4f65-99d6-274c11914d12", "displayName": "Ryan Gregg" } },
  "quota": { "deleted": 256938, "remaining": 1099447353539, "state": "normal", "total": 1099511627776 }
}"#;

/// Reads `text` as `T`, writes it back, and requires the same JSON.
#[cfg(feature = "v1-users")]
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(text: &str) -> Result<T, String> {
    let value: T = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let again = serde_json::to_value(&value).map_err(|e| e.to_string())?;
    let original: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if again != original {
        return Err(format!("written back as {again}"));
    }
    Ok(value)
}

/// Checks what the enabled features bring; the lines it prints name them.
pub fn check() -> Result<(), String> {
    #[cfg(feature = "v1-users")]
    {
        let user: graph_model::v1::User = round_trip(USER)?;
        let name = user.display_name.value().ok_or("no displayName")?;
        println!("v1 user: {name}");
    }
    #[cfg(feature = "v1-three")]
    {
        let group: graph_model::v1::Group = round_trip(GROUP)?;
        let kinds = group.group_types.as_ref().ok_or("no groupTypes")?;
        println!("v1 group: {kinds:?}");
        let drive: graph_model::v1::Drive = round_trip(DRIVE)?;
        let quota = drive.quota.value().ok_or("no quota")?;
        let total = quota.total.value().ok_or("no quota total")?;
        println!("v1 drive quota total: {total}");
    }
    Ok(())
}
