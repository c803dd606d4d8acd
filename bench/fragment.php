<?php
// fragment.php - the benchmark's PHP-FPM peer (bench/run.sh, row "php"):
// renders the same kind of fragment as ppxd's voorpret touchpoint -- a
// countdown to the expected date, the product, tips -- from the same GET
// parameters, as a shop would in plain PHP.  Every value from the request
// goes through htmlspecialchars.

declare(strict_types=1);

// One string parameter, or '' (absent, or an array as in ?order[]=1).
function param(string $k): string
{
	$v = $_GET[$k] ?? '';
	return is_string($v) ? $v : '';
}

$order = param('order');
if ($order === '' || strlen($order) > 64) {
	http_response_code(400);
	header('Content-Type: text/plain; charset=utf-8');
	echo "order: missing or too long\n";
	return;
}

$lang = param('lang') === 'en' ? 'en' : 'nl';
$t = [
	'nl' => [
		'days' => 'Nog %d nachtjes slapen, %s!',
		'today' => 'Vandaag is het zover, %s!',
		'intro' => 'Je bestelling %s is onderweg en komt naar verwachting op %s aan.',
		'view' => 'Bekijk je product',
		'tips' => 'Zo haal je er meer uit',
		'list' => [
			'Loop ze eerst een paar keer in op korte rondjes.',
			'Rijg de veters zo dat je hiel niet wegschuift.',
			'Wissel af met je oude paar: de tussenzool herstelt dan beter.',
			'Laat ze na een natte loop drogen op kamertemperatuur.',
		],
	],
	'en' => [
		'days' => '%d more nights to go, %s!',
		'today' => 'It arrives today, %s!',
		'intro' => 'Your order %s is on its way and should arrive on %s.',
		'view' => 'View your product',
		'tips' => 'Make the most of it',
		'list' => [
			'Break them in on a few short runs first.',
			'Lace them so your heel does not slip.',
			'Alternate with your old pair so the midsole recovers.',
			'Dry them at room temperature after a wet run.',
		],
	],
][$lang];

function h(string $s): string
{
	return htmlspecialchars($s, ENT_QUOTES | ENT_SUBSTITUTE | ENT_HTML5, 'UTF-8');
}

// An https URL or nothing: never put another scheme into an email.
function https_url(string $u): string
{
	return preg_match('#^https://[^\s"<>]+$#', $u) ? $u : '';
}

$first = param('first_name');
$name = param('item_name');
$category = param('category');
$image = https_url(param('image'));
$url = https_url(param('url'));

$countdown = '';
$expected = DateTimeImmutable::createFromFormat('!Y-m-d', param('expected'),
    new DateTimeZone('UTC'));
if ($expected !== false) {
	$today = new DateTimeImmutable('today', new DateTimeZone('UTC'));
	$days = (int)$today->diff($expected)->format('%r%a');
	if ($days >= 0) {
		$countdown = $days === 0
		    ? sprintf($t['today'], h($first))
		    : sprintf($t['days'], $days, h($first));
	}
}

header('Content-Type: text/html; charset=utf-8');
header('Cache-Control: private');
?>
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" lang="<?= $lang ?>" style="width:600px;max-width:600px;border-collapse:collapse;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;">
<?php if ($countdown !== ''): ?>
<tr><td style="padding:24px 24px 8px 24px;font-size:22px;font-weight:bold;"><?= $countdown ?></td></tr>
<tr><td style="padding:0 24px 16px 24px;font-size:15px;line-height:22px;"><?= sprintf($t['intro'], h($order), h($expected->format('Y-m-d'))) ?></td></tr>
<?php endif; ?>
<?php if ($name !== ''): ?>
<tr><td style="padding:0 24px 16px 24px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;"><tr>
<?php if ($image !== ''): ?>
<td width="120" valign="top" style="padding:0 16px 0 0;"><?php if ($url !== ''): ?><a href="<?= h($url) ?>" style="text-decoration:none;"><?php endif; ?><img src="<?= h($image) ?>" width="120" height="120" alt="<?= h($name) ?>" style="display:block;border:0;width:120px;height:120px;"><?php if ($url !== ''): ?></a><?php endif; ?></td>
<?php endif; ?>
<td valign="top" style="font-size:15px;line-height:22px;"><strong><?= h($name) ?></strong><br><?= h($category) ?><?php if ($url !== ''): ?><br><a href="<?= h($url) ?>" style="color:#0b5cad;"><?= h($t['view']) ?></a><?php endif; ?></td>
</tr></table>
</td></tr>
<?php endif; ?>
<tr><td style="padding:0 24px 8px 24px;font-size:17px;font-weight:bold;"><?= h($t['tips']) ?></td></tr>
<tr><td style="padding:0 24px 24px 24px;font-size:15px;line-height:22px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">
<?php foreach ($t['list'] as $i => $tip): ?>
<tr><td style="padding:4px 0;"><?= $i + 1 ?>. <?= h($tip) ?></td></tr>
<?php endforeach; ?>
</table>
</td></tr>
</table>
