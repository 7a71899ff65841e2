import { withAuth } from "next-auth/middleware";

// Signed-out visitors are sent to sign in before any protected page renders. The data layer still
// checks every request itself: this is a courtesy, not the control.
export default withAuth({ pages: { signIn: "/login" } });

export const config = {
  matcher: ["/dashboard/:path*", "/organisations/:path*", "/sites/:path*", "/devices/:path*", "/reports/:path*", "/admin/:path*", "/import/:path*", "/audit/:path*"],
};
