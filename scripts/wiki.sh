#!/usr/bin/env bash
# shellcheck disable=SC2016  # PHP snippets are single-quoted on purpose: $ is PHP's
# Bring up a real, local MediaWiki 1.39 (Debian's package, SQLite, `php -S`) for
# mwbind's tests and demo.
#
#   scripts/wiki.sh [up]   install (once), seed users, serve; print the env file path
#   scripts/wiki.sh down   stop the servers (all four doors)
#   scripts/wiki.sh env    print the env file path
#
# Settings (environment):
#   MWBIND_WIKI_DIR    where the wiki lives (default: <repo>/target/mwbind-wiki)
#   MWBIND_WIKI_PORT   port on 127.0.0.1 (default: 8089)
#
# Besides the main door on MWBIND_WIKI_PORT, the same wiki is served on the next three ports,
# each by its own `php -S` with MWBIND_WIKI_MODE set, for tests that need the wiki to behave
# differently without disturbing the others: PORT+1 read-only ($wgReadOnly), PORT+2 with an
# email rate limit of one a day, PORT+3 reporting a database lag of 7 seconds.
#
# The env file (wiki.env in the wiki folder) holds plain KEY=value lines: the API URL,
# the mailbox path and the seeded accounts with their bot passwords.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$SCRIPT_DIR")

# realpath -m: the folder may not exist yet, and every path we hand out must be absolute.
WIKI_DIR=$(realpath -m "${MWBIND_WIKI_DIR:-$REPO_DIR/target/mwbind-wiki}")
PORT=${MWBIND_WIKI_PORT:-8089}
HOST=127.0.0.1

MW_SRC=/usr/share/mediawiki
PACKAGES=(mediawiki php-sqlite3 php-cli php-intl php-mbstring php-xml)

# Layout: php -S serves DOCROOT, the wiki code sits at DOCROOT/w, so the API is /w/api.php.
# The database, logs, mailbox and secrets stay outside the document root.
DOCROOT=$WIKI_DIR/htdocs
MW_DIR=$DOCROOT/w
LOCAL_SETTINGS=$MW_DIR/LocalSettings.php
DB_DIR=$WIKI_DIR/db
DB_NAME=mwbind
DB_FILE=$DB_DIR/$DB_NAME.sqlite
MAILBOX=$WIKI_DIR/mailbox
SENDMAIL=$WIKI_DIR/sendmail.sh
SECRETS=$WIKI_DIR/secrets.env
ENV_FILE=$WIKI_DIR/wiki.env
MODES_FILE=$WIKI_DIR/modes.php
SERVER_LOG=$WIKI_DIR/server.log
PHP_ERROR_LOG=$WIKI_DIR/php-errors.log
SETUP_LOG=$WIKI_DIR/setup.log
INSTALLED_STAMP=$WIKI_DIR/.installed
LOCK_FILE=$WIKI_DIR/.lock

WIKI_NAME="mwbind test wiki"
ADMIN_USER=MwbAdmin
APP_ID=mwbind
API_URL="http://$HOST:$PORT/w/api.php"
# Front doors: name, port offset, MWBIND_WIKI_MODE. "main" is the ordinary wiki.
DOORS=("main 0 -" "readonly 1 readonly" "lowlimits 2 lowlimits" "lagged 3 lagged")
MANY_PREFIX=MwbMany
MANY_COUNT=1200
READY_TIMEOUT=60   # seconds to wait for api.php to answer after starting php -S

log() { printf 'wiki.sh: %s\n' "$*" >&2; }
die() { printf 'wiki.sh: error: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------
# Packages

ensure_packages() {
    local missing=() pkg status
    for pkg in "${PACKAGES[@]}"; do
        status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
        [[ $status == installed ]] || missing+=("$pkg")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    [[ $(id -u) -eq 0 ]] || die "missing packages (${missing[*]}); run as root or install them"
    log "installing ${missing[*]} (about 30 s)"
    # Another apt run may hold the lock (e.g. an image's own update); wait for it.
    local apt_opts=(-o DPkg::Lock::Timeout=300 -qq)
    apt-get "${apt_opts[@]}" update >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y \
        --no-install-recommends "${missing[@]}" >/dev/null
}

# ---------------------------------------------------------------------------
# Small helpers around PHP (php-cli is always there once the packages are).

# Random password: bot passwords must be >= 32 chars of [0-9a-w] only, or login just fails.
gen_password() {
    php -r '$a = "0123456789abcdefghijklmnopqrstuvw"; $s = "";
            for ($i = 0; $i < 40; $i++) { $s .= $a[random_int(0, strlen($a) - 1)]; }
            echo $s;'
}

# db_query SQL [ARG...]: run one statement on the wiki's SQLite file, print rows tab-separated.
# Used to check the seeded state cheaply, so a repeated `up` does not rerun maintenance scripts.
db_query() {
    php -r '$db = new PDO("sqlite:" . $argv[1]);
            $db->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
            $st = $db->prepare($argv[2]); $st->execute(array_slice($argv, 3));
            foreach ($st->fetchAll(PDO::FETCH_NUM) as $row) { echo implode("\t", $row), "\n"; }' \
        "$DB_FILE" "$@"
}

# maint SCRIPT [ARG...]: run a MediaWiki maintenance script of our copy. Its output goes to
# setup.log with anything that looks like a password masked (createBotPassword echoes it).
maint() {
    local script=$1; shift
    printf '\n$ %s %s\n' "$script" "$*" | mask >>"$SETUP_LOG"
    if ! php "$MW_DIR/maintenance/$script" "$@" 2>&1 | mask >>"$SETUP_LOG"; then
        tail -n 20 "$SETUP_LOG" >&2
        die "maintenance/$script failed (log: $SETUP_LOG)"
    fi
}
mask() { sed -E 's/[0-9a-w]{32,}/<secret>/g'; }

# api_ok [URL]: does our wiki answer siteinfo there? (php, not curl: curl is not on a bare image)
api_ok() {
    php -r '$ctx = stream_context_create(["http" => ["timeout" => 3]]);
            $body = @file_get_contents($argv[1], false, $ctx);
            $json = $body === false ? null : json_decode($body, true);
            exit(($json["query"]["general"]["wikiid"] ?? null) === $argv[2] ? 0 : 1);' \
        "${1:-$API_URL}?action=query&meta=siteinfo&format=json" "$DB_NAME"
}

# ---------------------------------------------------------------------------
# Install

is_installed() { [[ -f $INSTALLED_STAMP && -f $LOCAL_SETTINGS && -f $DB_FILE && -f $SECRETS ]]; }

install_wiki() {
    log "installing MediaWiki into $WIKI_DIR"
    # Whatever a failed earlier attempt left is thrown away; mailbox and logs go too.
    rm -rf "$DOCROOT" "$DB_DIR" "$SECRETS" "$ENV_FILE" "$MAILBOX" "$SETUP_LOG" \
        "$SERVER_LOG" "$PHP_ERROR_LOG" "$INSTALLED_STAMP"

    copy_mediawiki
    write_secrets
    mkdir -p "$DB_DIR"
    : >"$MAILBOX"

    local passfile=$WIKI_DIR/.adminpass   # --passfile keeps the password out of `ps`
    (umask 077 && printf '%s' "$MWBIND_ADMIN_PASSWORD" >"$passfile")
    maint install.php --dbtype=sqlite --dbpath="$DB_DIR" --dbname="$DB_NAME" \
        --server="http://$HOST:$PORT" --scriptpath=/w --lang=en \
        --passfile="$passfile" "$WIKI_NAME" "$ADMIN_USER"
    rm -f "$passfile"

    append_settings
    touch "$INSTALLED_STAMP"
}

# Copy Debian's tree (no symlinks into /var/lib or /etc may stay: the copy must be ours).
copy_mediawiki() {
    local tmp=$MW_DIR.tmp link
    rm -rf "$tmp"
    mkdir -p "$DOCROOT"
    cp -a "$MW_SRC/." "$tmp/"
    # Debian points LocalSettings.php at /etc; install.php writes a fresh one here instead.
    rm -f "$tmp/LocalSettings.php"
    # extensions, images, config point into /var/lib/mediawiki: replace with real copies.
    for link in "$tmp"/*; do
        [[ -L $link ]] || continue
        local target
        target=$(readlink -f "$link")
        rm "$link"
        if [[ -d $target ]]; then cp -a "$target/." "$link/"; else cp -a "$target" "$link"; fi
    done
    mv "$tmp" "$MW_DIR"
}

write_secrets() {
    (
        umask 077
        {
            echo "MWBIND_ADMIN_PASSWORD=$(gen_password)"
            echo "MWBIND_USER_PASSWORD=$(gen_password)"     # main password of seeded users
            echo "MWBIND_SENDER_PASSWORD=$(gen_password)"   # bot passwords (appid mwbind)
            echo "MWBIND_BLOCKED_PASSWORD=$(gen_password)"
            echo "MWBIND_BOT_PASSWORD=$(gen_password)"
        } >"$SECRETS"
    )
    load_secrets
}

# Secrets added after a wiki was installed are generated on the next `up`.
ensure_secrets() {
    local key
    for key in MWBIND_SESSION_PASSWORD MWBIND_LIMITED_PASSWORD; do
        [[ -n ${!key:-} ]] && continue
        (umask 077 && echo "$key=$(gen_password)" >>"$SECRETS")
    done
    load_secrets
}

load_secrets() {
    local key value
    while IFS='=' read -r key value; do
        [[ $key =~ ^MWBIND_[A-Z_]+$ ]] && printf -v "$key" '%s' "$value"
    done <"$SECRETS"
}

append_settings() {
    cat >>"$LOCAL_SETTINGS" <<'PHP'

# ---- mwbind test settings (appended by scripts/wiki.sh) ----
# Follow the Host header, so the wiki keeps working if MWBIND_WIKI_PORT changes later.
if ( PHP_SAPI === 'cli-server' ) {
	$wgServer = WebRequest::detectServer();
}

# User-to-user email, with addresses set by maintenance/resetUserEmail.php usable at once.
$wgEnableEmail = true;
$wgEnableUserEmail = true;
$wgEmailAuthentication = false;
$wgPasswordSender = 'mwbind-wiki@example.test';
$wgEmergencyContact = 'mwbind-wiki@example.test';
# PHP's mail(): `php -S` gets -d sendmail_path=<wiki dir>/sendmail.sh, which fills the mailbox.
$wgSMTP = false;

# Bot passwords (the default in 1.39, stated so nobody wonders).
$wgEnableBotPasswords = true;

# Tests send many mails and may fail logins on purpose: keep the limits out of their way,
# but not off, so `ratelimited` still exists as a code.
$wgRateLimits['emailuser'] = [
	'ip' => [ 100000, 86400 ],
	'newbie' => [ 100000, 86400 ],
	'user' => [ 100000, 86400 ],
];
$wgPasswordAttemptThrottle = [ [ 'count' => 1000, 'seconds' => 300 ] ];

# API responses must stay clean JSON: no debug output in the page.
$wgShowDebug = false;
$wgDebugToolbar = false;
$wgDebugComments = false;
$wgShowExceptionDetails = false;
PHP
}

# The front doors' modes, read by LocalSettings.php (required once from its end).
write_modes() {
    cat >"$MODES_FILE" <<'PHP'
<?php
# Written by scripts/wiki.sh. Each extra front door of the wiki is a `php -S` started with
# MWBIND_WIKI_MODE set; the main door has none and is left as it is.
switch ( getenv( 'MWBIND_WIKI_MODE' ) ?: '' ) {
	case 'readonly':
		$wgReadOnly = 'mwbind test: this front door of the wiki is read-only';
		break;
	case 'lowlimits':
		# One email a day. The counters live in the shared database, so the limit counts
		# mail sent through any door.
		$wgRateLimits['emailuser'] = [
			'ip' => [ 1, 86400 ],
			'newbie' => [ 1, 86400 ],
			'user' => [ 1, 86400 ],
		];
		break;
	case 'lagged':
		# A replica 7 seconds behind, as the API's maxlag check sees it.
		$wgHooks['ApiMaxLagInfo'][] = static function ( &$lagInfo ) {
			$lagInfo = [ 'host' => 'replica.mwbind.test', 'lag' => 7, 'type' => 'db' ];
		};
		break;
}
PHP
    if ! grep -q 'mwbind front door modes' "$LOCAL_SETTINGS"; then
        printf '
# mwbind front door modes (scripts/wiki.sh)
require %s;
' \
            "'$MODES_FILE'" >>"$LOCAL_SETTINGS"
    fi
}

# The sendmail stand-in. PHP's mail() runs it with the whole message (To:, Subject:, the
# other headers, blank line, body) on stdin. It appends the message to the mailbox in mbox
# form: a `From mwbind@localhost <date>` line first, CRLF made LF, body lines starting with
# "From " quoted as ">From ", a blank line after. flock keeps concurrent mails apart.
write_sendmail() {
    cat >"$SENDMAIL" <<SH
#!/bin/sh
# Written by scripts/wiki.sh: PHP's sendmail_path. Appends each message to the mailbox.
set -eu
mailbox='$MAILBOX'
{
    flock 9
    printf 'From mwbind@localhost %s\n' "\$(LC_ALL=C date -u '+%a %b %e %H:%M:%S %Y')"
    tr -d '\r' | sed -e 's/^\(>*From \)/>\1/' -e '\$a\\'
    printf '\n'
} 9>>"\$mailbox" >>"\$mailbox"
SH
    chmod 755 "$SENDMAIL"
}

# ---------------------------------------------------------------------------
# Users. The seeded state is read from the database in one query as "fact" lines; each
# step runs its maintenance script only when its fact is missing, then checks it is there.
# So seeding is idempotent, resumes after a failure, and costs one query on a repeated `up`.

STATE_SQL="
SELECT 'user ' || user_name FROM user
UNION ALL SELECT 'email ' || user_name || ' ' || user_email FROM user
UNION ALL SELECT 'group ' || user_name || ' ' || ug_group
    FROM user_groups JOIN user ON ug_user = user_id
UNION ALL SELECT 'botpw ' || user_name || ' ' || bp_app_id || ' ' || bp_grants
    FROM bot_passwords JOIN user ON bp_user = user_id
UNION ALL SELECT 'option ' || user_name || ' ' || up_property || '=' || up_value
    FROM user_properties JOIN user ON up_user = user_id
UNION ALL SELECT 'emailblock ' || user_name
    FROM ipblocks JOIN user ON ipb_user = user_id WHERE ipb_block_email = 1
UNION ALL SELECT 'many ' || count(*) FROM user WHERE user_name LIKE '$MANY_PREFIX%'"
STATE=

load_state() { STATE=$(db_query "$STATE_SQL"); }
has() { [[ $'\n'$STATE$'\n' == *$'\n'"$1"$'\n'* ]]; }

# ensure FACT COMMAND...: run COMMAND unless FACT holds; afterwards FACT must hold.
ensure() {
    local fact=$1; shift
    has "$fact" && return 0
    log "seeding: $fact"
    "$@"
    load_state
    has "$fact" || die "seeding failed, still missing: $fact (log: $SETUP_LOG)"
}

add_user() {   # NAME [ADDRESS]
    ensure "user $1" maint createAndPromote.php "$1" "$MWBIND_USER_PASSWORD"
    if [[ -n ${2:-} ]]; then
        ensure "email $1 $2" maint resetUserEmail.php --no-reset-password "$1" "$2"
    fi
}

add_to_bot_group() {   # NAME
    ensure "group $1 bot" maint createAndPromote.php --force --bot "$1"
}

add_bot_password() {   # NAME GRANTS(comma-separated) PASSWORD
    # MediaWiki stores the grants as a JSON list: basic,sendemail -> ["basic","sendemail"]
    ensure "botpw $1 $APP_ID [\"${2//,/\",\"}\"]" replace_bot_password "$@"
}
replace_bot_password() {
    # createBotPassword.php refuses to overwrite, so drop one with other grants first.
    db_query 'DELETE FROM bot_passwords WHERE bp_app_id = ?
              AND bp_user = (SELECT user_id FROM user WHERE user_name = ?)' "$APP_ID" "$1"
    maint createBotPassword.php --appid "$APP_ID" --grants "$2" "$1" "$3"
}

# Refusing mail from other users is the user option disablemail=1. 1.39's userOptions.php
# only rewrites values already stored, so set it through eval.php (one statement a line).
disable_mail() {   # NAME
    ensure "option $1 disablemail=1" set_user_option "$1" disablemail 1
}
set_user_option() {   # NAME OPTION VALUE (plain words only: they go into PHP source)
    printf '%s\n' "\$s = MediaWiki\\MediaWikiServices::getInstance();
        \$u = \$s->getUserFactory()->newFromName('$1');
        \$m = \$s->getUserOptionsManager();
        \$m->setOption(\$u, '$2', '$3'); \$m->saveOptions(\$u);" | tr '\n' ' ' \
        | maint eval.php
}

# A sitewide block with email blocked: emailuser refuses, login still works. No autoblock:
# it would block 127.0.0.1, so every test account, from email as well.
block_email() {   # NAME
    ensure "emailblock $1" block_user "$1"
}
block_user() {
    printf '%s\n' "$1" | maint blockUsers.php --performer "$ADMIN_USER" \
        --reason "mwbind test: blocked from sending email" --disable-autoblock --reblock
}

# Many plain accounts, for long lists: rows written straight into the database in one
# transaction (a maintenance script per user would take minutes).
add_many() {
    ensure "many $MANY_COUNT" insert_many
}
insert_many() {
    php -r '$db = new PDO("sqlite:" . $argv[1]);
            $db->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
            $now = gmdate("YmdHis");
            $db->beginTransaction();
            $user = $db->prepare("INSERT OR IGNORE INTO user (user_name, user_password,
                user_newpassword, user_email, user_touched, user_token, user_registration,
                user_editcount) VALUES (?, \"\", \"\", \"\", ?, \"\", ?, 0)");
            $actor = $db->prepare("INSERT INTO actor (actor_user, actor_name)
                SELECT user_id, user_name FROM user WHERE user_name = ?
                AND NOT EXISTS (SELECT 1 FROM actor WHERE actor_name = ?)");
            for ($i = 1; $i <= (int)$argv[3]; $i++) {
                $name = sprintf("%s%04d", $argv[2], $i);
                $user->execute([$name, $now, $now]);
                $actor->execute([$name, $name]);
            }
            $db->commit();' "$DB_FILE" "$MANY_PREFIX" "$MANY_COUNT"
}

seed_users() {
    load_state

    add_user MwbSender mwb-sender@example.test
    add_bot_password MwbSender basic,sendemail "$MWBIND_SENDER_PASSWORD"

    add_user MwbRecipient mwb-recipient@example.test

    add_user MwbNoAddress

    add_user MwbNoMail mwb-nomail@example.test
    disable_mail MwbNoMail

    add_user MwbBlocked mwb-blocked@example.test
    add_bot_password MwbBlocked basic,sendemail "$MWBIND_BLOCKED_PASSWORD"
    block_email MwbBlocked

    add_user MwbBot mwb-bot@example.test
    add_to_bot_group MwbBot
    add_bot_password MwbBot basic,sendemail,highvolume "$MWBIND_BOT_PASSWORD"

    # Used by one test each: one loses its session on purpose, one meets the email limit.
    add_user MwbSession mwb-session@example.test
    add_bot_password MwbSession basic,sendemail "$MWBIND_SESSION_PASSWORD"
    add_user MwbLimited mwb-limited@example.test
    add_bot_password MwbLimited basic,sendemail "$MWBIND_LIMITED_PASSWORD"

    add_many
}

# ---------------------------------------------------------------------------
# Server

# Whether nothing listens on the port: a server of another checkout would answer api_ok
# just like ours, with other passwords. Bash's own /dev/tcp, so that it works before PHP is
# installed.
port_free() {
    ! (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

need_port() {   # PORT
    port_free "$1" && return 0
    local door name port_file
    for door in "${DOORS[@]}"; do
        read -r name _ _ <<<"$door"
        port_file=$WIKI_DIR/server-$name.port
        if [[ -n $(server_pid "$name") && $(cat "$port_file" 2>/dev/null) == "$1" ]]; then
            local main
            main=$(cat "$WIKI_DIR/server-main.port" 2>/dev/null) || main='?'
            die "port $1 is this wiki's own $name door (the wiki is up with \
MWBIND_WIKI_PORT=$main); use that, or run scripts/wiki.sh down first"
        fi
    done
    die "port $1 on $HOST is taken by another program (another checkout's wiki?); stop it, or \
choose other ports with MWBIND_WIKI_PORT=... (it uses 4 in a row)"
}

# Is the process alive? A zombie counts as gone: an orphaned server that exited waits for
# init to reap it, which can take seconds.
alive() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat:0:1} != Z ]]
}

# The pid of door NAME's php -S, if alive and ours. "legacy": the one door of older versions.
server_pid() {   # NAME
    local pid_file=$WIKI_DIR/server-$1.pid pid cmd
    [[ $1 == legacy ]] && pid_file=$WIKI_DIR/server.pid
    [[ -f $pid_file ]] || return 0
    pid=$(<"$pid_file")
    [[ $pid =~ ^[0-9]+$ ]] || return 0
    # A recycled pid must not be taken for ours: check the command line too.
    cmd=$( { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null) || return 0
    if [[ $cmd == *"-S $HOST:"* ]]; then echo "$pid"; fi
}

stop_server() {   # NAME
    local pid i
    pid=$(server_pid "$1")
    if [[ -n $pid ]]; then
        kill "$pid" 2>/dev/null || true
        for ((i = 0; i < 50; i++)); do
            alive "$pid" || break
            sleep 0.1
        done
        if alive "$pid"; then kill -9 "$pid" 2>/dev/null || true; fi
        log "stopped $1 server (pid $pid)"
    fi
    rm -f "$WIKI_DIR/server-$1.pid" "$WIKI_DIR/server-$1.port"
}

stop_servers() {
    local door
    for door in "${DOORS[@]}"; do
        read -r name _ _ <<<"$door"
        stop_server "$name"
    done
    stop_server legacy
    rm -f "$WIKI_DIR/server.pid" "$WIKI_DIR/server.port"
}

start_server() {   # NAME PORT MODE
    local name=$1 port=$2 mode=$3 pid
    local url="http://$HOST:$port/w/api.php" port_file=$WIKI_DIR/server-$1.port
    pid=$(server_pid "$name")
    if [[ -n $pid && $(cat "$port_file" 2>/dev/null) == "$port" ]] && api_ok "$url"; then
        log "already serving $url (pid $pid)"
        return 0
    fi
    [[ -n $pid ]] && stop_server "$name"   # alive but wrong port or not answering
    need_port "$port"

    log "starting php -S on $HOST:$port ($name)"
    # setsid: own session, so it outlives this script and its terminal. fd 9 (our lock) is
    # closed for it, or the server would hold the lock forever. Errors go to a log file,
    # never into responses. Variables that would point MediaWiki elsewhere are dropped.
    local mode_env=(-u MWBIND_WIKI_MODE)
    [[ $mode != - ]] && mode_env=("MWBIND_WIKI_MODE=$mode")
    env -u MW_INSTALL_PATH -u MW_CONFIG_FILE "${mode_env[@]}" setsid php \
        -d display_errors=0 -d log_errors=1 -d error_log="$PHP_ERROR_LOG" \
        -d sendmail_path="$SENDMAIL" \
        -S "$HOST:$port" -t "$DOCROOT" \
        </dev/null >>"$SERVER_LOG" 2>&1 9>&- &
    pid=$!
    echo "$pid" >"$WIKI_DIR/server-$name.pid"
    echo "$port" >"$port_file"

    local deadline=$((SECONDS + READY_TIMEOUT))
    until alive "$pid" && api_ok "$url"; do
        if ! alive "$pid"; then
            tail -n 20 "$SERVER_LOG" >&2
            rm -f "$WIKI_DIR/server-$name.pid" "$port_file"
            die "php -S exited (port $port taken?); log: $SERVER_LOG"
        fi
        if ((SECONDS >= deadline)); then
            tail -n 20 "$SERVER_LOG" >&2
            die "api.php did not answer within ${READY_TIMEOUT}s; log: $SERVER_LOG, $PHP_ERROR_LOG"
        fi
        sleep 0.2
    done
    log "serving $url (pid $pid)"
}

# Every port the doors need must be ours already or free, checked before anything is
# installed or stopped: a wiki that is up on other ports stays up when this one cannot start.
check_ports() {
    local door name offset port pid
    for door in "${DOORS[@]}"; do
        read -r name offset _ <<<"$door"
        port=$((PORT + offset))
        pid=$(server_pid "$name")
        [[ -n $pid && $(cat "$WIKI_DIR/server-$name.port" 2>/dev/null) == "$port" ]] && continue
        need_port "$port"
    done
}

start_servers() {
    local door name offset mode
    # Versions of this script that served one door left its pid in server.pid.
    if [[ -n $(server_pid legacy) ]]; then stop_server legacy; fi
    rm -f "$WIKI_DIR/server.pid" "$WIKI_DIR/server.port"
    for door in "${DOORS[@]}"; do
        read -r name offset mode <<<"$door"
        start_server "$name" $((PORT + offset)) "$mode"
    done
}

# ---------------------------------------------------------------------------
# Env file

write_env() {
    local tmp=$ENV_FILE.tmp
    (
        umask 077
        cat >"$tmp" <<EOF
MWBIND_API=$API_URL
MWBIND_MAILBOX=$MAILBOX
MWBIND_SENDER_USER=MwbSender@$APP_ID
MWBIND_SENDER_PASSWORD=$MWBIND_SENDER_PASSWORD
MWBIND_SENDER_EMAIL=mwb-sender@example.test
MWBIND_BLOCKED_USER=MwbBlocked@$APP_ID
MWBIND_BLOCKED_PASSWORD=$MWBIND_BLOCKED_PASSWORD
MWBIND_BOT_USER=MwbBot@$APP_ID
MWBIND_BOT_PASSWORD=$MWBIND_BOT_PASSWORD
MWBIND_RECIPIENT=MwbRecipient
MWBIND_RECIPIENT_EMAIL=mwb-recipient@example.test
MWBIND_NOADDRESS=MwbNoAddress
MWBIND_NOMAIL=MwbNoMail
MWBIND_WIKI_DIR=$WIKI_DIR
MWBIND_WIKI_LOCAL_SETTINGS=$LOCAL_SETTINGS
MWBIND_ADMIN_USER=$ADMIN_USER
MWBIND_ADMIN_PASSWORD=$MWBIND_ADMIN_PASSWORD
MWBIND_USER_PASSWORD=$MWBIND_USER_PASSWORD
MWBIND_API_READONLY=http://$HOST:$((PORT + 1))/w/api.php
MWBIND_API_LOWLIMITS=http://$HOST:$((PORT + 2))/w/api.php
MWBIND_API_LAGGED=http://$HOST:$((PORT + 3))/w/api.php
MWBIND_WIKI_DB=$DB_FILE
MWBIND_SESSION_USER=MwbSession@$APP_ID
MWBIND_SESSION_PASSWORD=$MWBIND_SESSION_PASSWORD
MWBIND_LIMITED_USER=MwbLimited@$APP_ID
MWBIND_LIMITED_PASSWORD=$MWBIND_LIMITED_PASSWORD
MWBIND_MANY_PREFIX=$MANY_PREFIX
MWBIND_MANY_COUNT=$MANY_COUNT
EOF
    )
    mv "$tmp" "$ENV_FILE"
}

# ---------------------------------------------------------------------------
# Commands

cmd_up() {
    # The paths end up in KEY=value lines and in php's sendmail_path: no whitespace.
    [[ $WIKI_DIR != *[[:space:]]* ]] || die "MWBIND_WIKI_DIR must not contain whitespace"
    [[ $PORT =~ ^[0-9]+$ ]] || die "MWBIND_WIKI_PORT must be a number"

    # Before anything is installed: a port that cannot be had ends it at once.
    check_ports
    ensure_packages
    mkdir -p "$WIKI_DIR"
    # One `up` at a time per wiki folder (tests and demo may start it together).
    exec 9>"$LOCK_FILE"
    flock -w 600 9 || die "another 'wiki.sh up' holds $LOCK_FILE for too long"

    # Again under the lock: another `up` may have started servers meanwhile.
    check_ports
    if ! is_installed; then
        stop_servers
        install_wiki
    fi
    load_secrets
    ensure_secrets
    write_sendmail
    write_modes
    seed_users
    start_servers
    write_env
    echo "$ENV_FILE"
}

cmd_down() {
    local door name running=0
    for door in "${DOORS[@]}" "legacy"; do
        read -r name _ <<<"$door"
        [[ -n $(server_pid "$name") ]] && running=1
    done
    stop_servers
    ((running)) || log "no server of $WIKI_DIR was running"
}

cmd_env() {
    echo "$ENV_FILE"
    [[ -f $ENV_FILE ]] || die "no env file yet; run: scripts/wiki.sh up"
}

case ${1:-up} in
    up) cmd_up ;;
    down) cmd_down ;;
    env) cmd_env ;;
    -h | --help | help) awk 'NR > 2 && /^#/ { sub(/^# ?/, ""); print; next } NR > 2 { exit }' "$0" ;;
    *) die "unknown command '$1' (use: up, down, env)" ;;
esac
