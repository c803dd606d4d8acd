/*
 * netmask.h - "127.0.0.1/32", "10.0.0.0/8", "::1" and "fd00::/8": who
 * may read /metrics.
 */
#ifndef PPX_NETMASK_H
#define PPX_NETMASK_H

#include <stddef.h>

#define NETMASK_MAX	16	/* networks in one list */

struct netmask {
	int		family;		/* AF_INET or AF_INET6 */
	unsigned char	addr[16];	/* network order, host bits zero */
	unsigned	bits;
};

/*
 * Parse one "ADDR[/BITS]" (no BITS: the single address).  0, or -1 when
 * it is not an address, BITS is out of range or host bits are set.
 */
int	 netmask_parse(const char *s, struct netmask *out);
/*
 * Parse a list separated by spaces or commas into out (at most max).
 * 0 and *n, or -1 with the offending item copied into bad (badlen).
 */
int	 netmask_parse_list(const char *s, struct netmask *out, size_t max,
	    size_t *n, char *bad, size_t badlen);
/*
 * Is the textual address addr (REMOTE_ADDR; an IPv4-mapped IPv6 address
 * counts as its IPv4 address) in one of the n networks?  1 or 0.
 */
int	 netmask_match(const struct netmask *nets, size_t n, const char *addr);

#endif
