import Foundation
import Hummingbird
import NTPStore
import NTPText

/// What a request carries through the workbench: the browser's session token, the user once logged in,
/// and the language of the pages.
public struct WorkbenchContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The session cookie's token (new when the browser had none).
    var token = ""
    /// The token was made for this request and goes back as a cookie.
    var newToken = false
    /// The logged-in user; nil when nobody is (or in open mode).
    var user: UserRecord?
    /// What the request may do: the user's role, `admin` in open mode, nil when login is required.
    var role: Role?
    /// Who is recorded as having done what this request does.
    var actor = "local"
    /// The token forms and API calls must send back.
    var csrfToken = ""
    var lang: Language = .vi

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Forms and uploads are read with this limit; the security middleware sets it.
    public var maxUploadSize: Int { uploadLimit }
    var uploadLimit = 10 << 20
}
