/*
 * admin_session.h - console sessions: a random id in a cookie, its
 * SHA-256 in the store, an idle and an absolute timeout, and a CSRF
 * token per session that every form carries.
 *
 * The cookie: "ppx_session=ID; Path=/admin; HttpOnly; SameSite=Strict"
 * plus "; Secure" unless ppx.xml says <admin secure-cookie="no"/> (for
 * plain-http localhost).  It has no Max-Age: the browser forgets it when
 * it closes, the server forgets it at the timeouts.
 */
#ifndef PPX_ADMIN_SESSION_H
#define PPX_ADMIN_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "admin_token.h"

struct arena;
struct store;

#define ADMIN_SESSION_IDLE	(30 * 60)	/* seconds without a request */
#define ADMIN_SESSION_ABSOLUTE	(12 * 60 * 60)	/* seconds after login */
/* How stale "seen" may get before a request writes it again. */
#define ADMIN_SESSION_TOUCH	60
#define ADMIN_SESSION_COOKIE	"ppx_session"
#define ADMIN_LOGIN_COOKIE	"ppx_login"	/* the login form's token */

struct admin_session {
	int64_t	user_id;
	char	csrf[ADMIN_TOKEN_LEN + 1];
	int64_t	created;
	int64_t	seen;
};

/*
 * Start a session for user_id at now.  OUT: id (for the cookie; never
 * stored), *out.  0 or -1.
 */
int	 admin_session_new(struct store *st, int64_t user_id, int64_t now,
	    char id[ADMIN_TOKEN_LEN + 1], struct admin_session *out);
/*
 * The live session of id at now.  Unknown, malformed, idle for longer
 * than ADMIN_SESSION_IDLE or older than ADMIN_SESSION_ABSOLUTE:
 * STORE_NOTFOUND (an expired one is deleted).  Notes the request as seen
 * when the last note is older than ADMIN_SESSION_TOUCH.  0 or -1.
 */
int	 admin_session_get(struct store *st, const char *id, int64_t now,
	    struct admin_session *out);
/* End the session of id (logout).  Unknown ids are fine.  0 or -1. */
int	 admin_session_end(struct store *st, const char *id);
/* End every session of user_id but the one of id (NULL: all of them). */
int	 admin_session_end_others(struct store *st, int64_t user_id,
	    const char *id);
/* Delete every expired session at now.  0 or -1. */
int	 admin_session_sweep(struct store *st, int64_t now);

/*
 * The value of cookie name in a Cookie header ("a=1; ppx_session=X"),
 * copied into out when it fits outlen (with the NUL).  1 when found and
 * copied, else 0.
 */
int	 admin_cookie_get(const char *header, const char *name, char *out,
	    size_t outlen);
/*
 * The Set-Cookie value that sets (value not NULL) or clears (NULL) the
 * cookie name, in the arena.  NULL when the arena is full.
 */
char	*admin_cookie_set(struct arena *a, const char *name,
	    const char *value, int secure);

#endif
