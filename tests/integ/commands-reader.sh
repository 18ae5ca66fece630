#!/bin/sh
# Runs akhbar's reader over exec: subscriptions, for the screen tests:
#   commands-reader.sh AKHBAR [OPTION...]
# subscribes to a command that prints a Persian feed (a story and an
# advert) and to one that never ends, and ignores adverts in the config;
# nothing is fetched before the reader starts.  Uses the HOME and XDG
# folders the screen test harness made.
set -u
mkdir -p "$HOME/bin" "$XDG_CONFIG_HOME/akhbar" || exit 99
cat >"$HOME/bin/print-feed" <<'SH'
#!/bin/sh
cat <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>خوراک فرمان</title>
<item><title>خبر از فرمان</title><guid>exec-1</guid></item>
<item><title>تبلیغ ویژه</title><guid>exec-2</guid></item>
</channel></rss>
XML
SH
chmod +x "$HOME/bin/print-feed"
printf 'exec:%s\n"exec:sleep 300"\n' "$HOME/bin/print-feed" \
	>"$XDG_CONFIG_HOME/akhbar/urls"
printf 'ignore-article * "title =~ \\"تبلیغ\\""\n' \
	>"$XDG_CONFIG_HOME/akhbar/config"
exec "$@"
