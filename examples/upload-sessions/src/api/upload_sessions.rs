//! The upload-session API of entitlement management (beta): create, get,
//! list, update, uploadFile and delete, under either navigation shape the
//! documentation uses.

use http::{Method, Request};
use serde::Serialize;

use super::multipart::{FilePart, Multipart};
use super::request;
use graph_model::graph::CustomDataProvidedResourceUploadSessionRequest as CreateBody;
use graph_model_odata::query::{encode, Query};

/// How the sessions of a resource are reached: the paths the pages use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `/identityGovernance/entitlementManagement/accessPackageCatalogs/{catalog}/accessPackageResources/{resource}/uploadSessions`
    /// (the create and get pages).
    AccessPackageCatalogs,
    /// `/identityGovernance/entitlementManagement/catalogs/{catalog}/accessPackageResources/{resource}/uploadSessions`
    /// (the list page's examples).
    EntitlementManagementCatalogs,
    /// `/identityGovernance/catalogs/{catalog}/accessPackageResources/{resource}/uploadSessions`
    /// (the list page's HTTP request).
    Catalogs,
}

/// The upload sessions of one resource of one catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UploadSessions {
    /// `https://graph.microsoft.com/beta`, or a test server's root.
    pub service_root: String,
    /// The path shape.
    pub shape: Shape,
    /// The catalog id.
    pub catalog: String,
    /// The resource id.
    pub resource: String,
    /// Send `Prefer: include-unknown-enum-members` with every request, so
    /// that Graph returns evolvable enum members instead of
    /// `unknownFutureValue` (and accepts them in request bodies).
    pub include_unknown_enum_members: bool,
}

/// A path segment percent-encoded (a key may hold `/`, `?`, `#`, `%`…).
fn segment(s: &str) -> String {
    encode(s).replace('/', "%2F")
}

impl UploadSessions {
    /// Sessions under `service_root` (no trailing `/`).
    pub fn new(service_root: &str, shape: Shape, catalog: &str, resource: &str) -> Self {
        Self {
            service_root: service_root.trim_end_matches('/').to_string(),
            shape,
            catalog: catalog.to_string(),
            resource: resource.to_string(),
            include_unknown_enum_members: false,
        }
    }

    /// The same sessions, every request sending `Prefer:
    /// include-unknown-enum-members` when `on`.
    pub fn include_unknown_enum_members(mut self, on: bool) -> Self {
        self.include_unknown_enum_members = on;
        self
    }

    /// `r` with the preference, when it is on.
    fn prefer(&self, mut r: Request<Vec<u8>>) -> Request<Vec<u8>> {
        if self.include_unknown_enum_members {
            r.headers_mut().append(
                http::header::HeaderName::from_static("prefer"),
                http::HeaderValue::from_static(super::INCLUDE_UNKNOWN_ENUM_MEMBERS),
            );
        }
        r
    }

    /// The collection's URL.
    pub fn url(&self) -> String {
        let prefix = match self.shape {
            Shape::AccessPackageCatalogs => {
                "identityGovernance/entitlementManagement/accessPackageCatalogs"
            }
            Shape::EntitlementManagementCatalogs => {
                "identityGovernance/entitlementManagement/catalogs"
            }
            Shape::Catalogs => "identityGovernance/catalogs",
        };
        format!(
            "{}/{prefix}/{}/accessPackageResources/{}/uploadSessions",
            self.service_root,
            segment(&self.catalog),
            segment(&self.resource)
        )
    }

    /// One session's URL.
    pub fn session_url(&self, id: &str) -> String {
        format!("{}/{}", self.url(), segment(id))
    }

    fn with_query(url: String, query: Option<&Query>) -> String {
        match query.map(Query::to_canonical) {
            Some(q) if !q.is_empty() => format!("{url}?{q}"),
            _ => url,
        }
    }

    /// `POST …/uploadSessions` with the request body (`data` names the
    /// access review the files are for).
    pub fn create(&self, body: &CreateBody) -> Request<Vec<u8>> {
        self.prefer(request(Method::POST, &self.url(), Some(json(body))))
    }

    /// `GET …/uploadSessions/{id}`, with `$expand=files(...)` and the like.
    pub fn get(&self, id: &str, query: Option<&Query>) -> Request<Vec<u8>> {
        self.prefer(request(
            Method::GET,
            &Self::with_query(self.session_url(id), query),
            None,
        ))
    }

    /// `GET …/uploadSessions`, with `$filter`, `$top`, `$count`…
    pub fn list(&self, query: Option<&Query>) -> Request<Vec<u8>> {
        self.prefer(request(
            Method::GET,
            &Self::with_query(self.url(), query),
            None,
        ))
    }

    /// `PATCH …/uploadSessions/{id}` with the properties to change (e.g.
    /// `{"isUploadDone": true}` when every file is up).
    pub fn update(&self, id: &str, changes: &impl Serialize) -> Request<Vec<u8>> {
        self.prefer(request(
            Method::PATCH,
            &self.session_url(id),
            Some(json(changes)),
        ))
    }

    /// `POST …/uploadSessions/{id}/uploadFile`: a `multipart/form-data`
    /// body with the CSV in the `file` field.
    pub fn upload_file(&self, id: &str, file_name: &str, csv: &[u8]) -> Request<Vec<u8>> {
        let m = Multipart::new(&[FilePart {
            field: "file",
            file_name,
            content_type: "text/csv",
            content: csv,
        }]);
        let mut r = request(
            Method::POST,
            &format!("{}/uploadFile", self.session_url(id)),
            None,
        );
        r.headers_mut().insert(
            http::header::CONTENT_TYPE,
            m.content_type
                .parse()
                .expect("the boundary is ASCII letters, digits and `-`"),
        );
        *r.body_mut() = m.body;
        self.prefer(r)
    }

    /// `DELETE …/uploadSessions/{id}`.
    pub fn delete(&self, id: &str) -> Request<Vec<u8>> {
        self.prefer(request(Method::DELETE, &self.session_url(id), None))
    }
}

fn json(value: &impl Serialize) -> Vec<u8> {
    serde_json::to_vec(value).expect("the generated types and JSON values always serialise")
}
