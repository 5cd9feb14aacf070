"""make loadtest's second verdict: nothing the visitors did was lost.

`count` prints what the stack's database holds (accounts, verified addresses, download log
rows, emails sent and waiting) as JSON; `check BEFORE.json STATS.csv` counts again after the
run and compares the differences with what locust saw succeed: every sign-up made an account,
every verification a verified address, every download a log row, every account its email,
and no email is left waiting or deferred once beat's next round has passed.
"""

import csv
import json
import sys
import time

from stack_env import use_stack_settings

EMAIL_WAIT_SECONDS = 90


def count():
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from mailer.models import RESULT_SUCCESS, Message, MessageLog

    from videos.models import Download

    return {
        "accounts": get_user_model().objects.count(),
        "verified": EmailAddress.objects.filter(verified=True).count(),
        "downloads": Download.objects.count(),
        "emails_sent": MessageLog.objects.filter(result=RESULT_SUCCESS).count(),
        "emails_waiting": Message.objects.count(),
    }


def succeeded(stats_csv, name_prefix):
    with open(stats_csv, newline="") as stats:
        return sum(
            int(row["Request Count"]) - int(row["Failure Count"])
            for row in csv.DictReader(stats)
            if row["Name"].startswith(name_prefix)
        )


def check(before_json, stats_csv):
    before = json.loads(before_json)
    deadline = time.monotonic() + EMAIL_WAIT_SECONDS
    after = count()
    while after["emails_waiting"] and time.monotonic() < deadline:
        time.sleep(5)
        after = count()
    made = {name: after[name] - before[name] for name in after}
    expected = {
        "accounts": succeeded(stats_csv, "signup ("),
        "verified": succeeded(stats_csv, "verify code ("),
        "downloads": succeeded(stats_csv, "download"),
    }
    # More recorded than locust counted is no loss: a request cut off as the run stopped
    # reached the site, and only its answer went uncounted.
    problems = [
        f"{name}: {expected[name]} succeeded, only {made[name]} recorded"
        for name in expected
        if made[name] < expected[name]
    ]
    if made["emails_sent"] < made["accounts"]:
        problems.append(f"emails: {made['accounts']} accounts made, {made['emails_sent']} sent")
    if after["emails_waiting"]:
        problems.append(f"{after['emails_waiting']} emails still waiting after the run")
    print(
        "recorded during the run: "
        + ", ".join(f"{made[name]} {name.replace('_', ' ')}" for name in made if name in expected)
        + f", {made['emails_sent']} emails sent, {after['emails_waiting']} waiting"
    )
    if problems:
        print("nothing lost: FAILED: " + "; ".join(problems))
        return 1
    print("nothing lost: every sign-up, verification, download and email is recorded")
    return 0


if __name__ == "__main__":
    use_stack_settings()
    if sys.argv[1:2] == ["count"]:
        print(json.dumps(count()))
    elif sys.argv[1:2] == ["check"] and len(sys.argv) == 4:
        sys.exit(check(sys.argv[2], sys.argv[3]))
    else:
        sys.exit("usage: loadtest_audit.py count | check BEFORE_JSON STATS_CSV")
