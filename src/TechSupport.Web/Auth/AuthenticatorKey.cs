namespace TechSupport.Web.Auth;

// What the set-up page shows: the key grouped for typing, the otpauth:// URI and the same URI as a QR image.
public sealed record AuthenticatorKey(string Grouped, string Uri, string QrImage);
