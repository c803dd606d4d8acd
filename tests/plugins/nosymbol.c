/*
 * nosymbol.c - a shared object that is not a plugin: it exports a function
 * called other() and no ppx_plugin symbol.  The host must refuse it and
 * say which symbol is missing.  Built for `make check` only; never
 * installed.
 */
#include <ppx/plugin.h>

/* Not a descriptor: a plain function, the only exported symbol. */
PPX_EXPORT int	other(void);

PPX_EXPORT int
other(void)
{
	return PPX_ABI_MAJOR;
}
