/*
 * netmask.c - address lists (see netmask.h).
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netmask.h"

static const unsigned char v4mapped[12] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
};

/* Text to family and bytes; a v4-mapped v6 address becomes v4. */
static int
parse_addr(const char *s, int *family, unsigned char addr[16])
{
	memset(addr, 0, 16);
	if (inet_pton(AF_INET, s, addr) == 1) {
		*family = AF_INET;
		return 0;
	}
	if (inet_pton(AF_INET6, s, addr) == 1) {
		*family = AF_INET6;
		if (memcmp(addr, v4mapped, sizeof(v4mapped)) == 0) {
			memmove(addr, addr + 12, 4);
			memset(addr + 4, 0, 12);
			*family = AF_INET;
		}
		return 0;
	}
	return -1;
}

/* Do the first bits of a and b agree? */
static int
prefix_equal(const unsigned char *a, const unsigned char *b, unsigned bits)
{
	unsigned whole = bits / 8, rest = bits % 8;
	unsigned char mask;

	if (memcmp(a, b, whole) != 0)
		return 0;
	if (rest == 0)
		return 1;
	mask = (unsigned char)(0xff << (8 - rest));
	return (a[whole] & mask) == (b[whole] & mask);
}

/* Is any bit from bits to max set in a? */
static int
host_bits_set(const unsigned char *a, unsigned bits, unsigned max)
{
	unsigned i;

	for (i = bits; i < max; i++)
		if (a[i / 8] & (0x80 >> (i % 8)))
			return 1;
	return 0;
}

int
netmask_parse(const char *s, struct netmask *out)
{
	char buf[64], *slash, *end;
	unsigned max;
	long bits;

	if (strlen(s) >= sizeof(buf))
		return -1;
	memcpy(buf, s, strlen(s) + 1);
	if ((slash = strchr(buf, '/')) != NULL)
		*slash = '\0';
	if (parse_addr(buf, &out->family, out->addr) == -1)
		return -1;
	max = out->family == AF_INET ? 32 : 128;
	if (slash == NULL) {
		out->bits = max;
		return 0;
	}
	bits = strtol(slash + 1, &end, 10);
	if (slash[1] < '0' || slash[1] > '9' || *end != '\0' || bits < 0 ||
	    bits > (long)max)
		return -1;
	out->bits = (unsigned)bits;
	/* "10.1.2.3/8" is a typo for a network or for an address: refuse. */
	if (host_bits_set(out->addr, out->bits, max))
		return -1;
	return 0;
}

int
netmask_parse_list(const char *s, struct netmask *out, size_t max,
    size_t *n, char *bad, size_t badlen)
{
	char item[64];
	size_t len;

	*n = 0;
	for (;;) {
		s += strspn(s, " ,\t\r\n");
		if (*s == '\0')
			return 0;
		len = strcspn(s, " ,\t\r\n");
		if (len >= sizeof(item) || *n == max) {
			snprintf(bad, badlen, "%.*s", (int)(len < 40 ? len : 40),
			    s);
			return -1;
		}
		memcpy(item, s, len);
		item[len] = '\0';
		if (netmask_parse(item, &out[*n]) == -1) {
			snprintf(bad, badlen, "%s", item);
			return -1;
		}
		(*n)++;
		s += len;
	}
}

int
netmask_match(const struct netmask *nets, size_t n, const char *addr)
{
	unsigned char a[16];
	int family;
	size_t i;

	if (addr == NULL || parse_addr(addr, &family, a) == -1)
		return 0;
	for (i = 0; i < n; i++)
		if (nets[i].family == family &&
		    prefix_equal(nets[i].addr, a, nets[i].bits))
			return 1;
	return 0;
}
