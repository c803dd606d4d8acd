/*
 * hello.c - the example touchpoint of ppx_plugin(3): in the delivered
 * mail, greet the customer by first name with the brand's own words.
 */
#include <ppx/plugin.h>

static const char *const stages[] = { "delivered", NULL };

static int
render(const struct ppx_host *host, struct ppx_ctx *ctx, void *state)
{
	struct ppx_arg arg = { "first_name", NULL, 0 };
	struct ppx_node *greeting;

	(void)state;
	arg.text = host->order_field(ctx, "customer.first_name");
	if (arg.text == NULL)
		return PPX_NODATA;	/* nothing to say: omitted, not broken */
	greeting = host->elem(ctx, host->root(ctx), "greeting");
	if (greeting == NULL)
		return PPX_ERROR;
	return ppx_msg_required(host, ctx, greeting, "hello.greeting",
	    &arg, 1);
}

PPX_EXPORT const struct ppx_plugin ppx_plugin = {
	.abi_major = PPX_ABI_MAJOR,
	.abi_minor = PPX_ABI_MINOR,
	.name = "hello",
	.stages = stages,
	.render = render,
};
