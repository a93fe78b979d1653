"""schemathesis hooks for the contract check.

Signed in: every request but the dev tools' carries the session of a fixture citizen of the
`citizens` scenario (`henryk_wozniak`, who confirms with a push in mObywatel, so signing in again
spends no SMS code), signed in as a browser would: the password, the push accepted through the
simulated mObywatel, the session cookie, and the app's own `Origin` on writes. An operation that
ends the session (signing out, another sign-in) is answered 401 next time; schemathesis then
calls `get` again. A password the run changed (the documented example does) is the one signed
in with from then on. Generated sign-ins may lock the citizen out (five wrong passwords for a name
the run has seen): the hook then waits out the lock-out on the mock's clock, as the citizen would.

Registrations: no generator invents a registration that follows every rule (a PESEL with its check digit, the
password typed twice, a call window among the next working days), so the links from
POST /api/v1/registrations would lead nowhere. Half of the positive registrations are therefore a
valid citizen with a fresh username: stateful testing then follows the links to the registration,
its SMS code and the resend. Negative cases are left as generated.
"""

import os
import re

import requests
import schemathesis
from hypothesis import strategies as st

REGISTRATION = "POST /api/v1/registrations"
PASSWORD_CHANGE = "POST /api/v1/me/password"
BASE_URL = os.environ["CONTRACT_BASE_URL"]
CITIZEN = {"login": "henryk_wozniak", "password": "Haslo#Testowe1"}
SESSION_COOKIE = "pz_session"


@schemathesis.auth().skip_for(path_regex="^/(api/dev|dev|mobywatel|symulator)/")
class SignedInCitizen:
    """The session of the fixture citizen, signed in afresh whenever schemathesis asks."""

    def get(self, case, context):
        browser = requests.Session()
        browser.headers["Origin"] = BASE_URL
        answer = browser.post(f"{BASE_URL}/api/v1/login", json=CITIZEN)
        if answer.status_code == 423:
            checked(requests.put(f"{BASE_URL}/api/dev/clock", json={"now": answer.json()["locked_until"]}))
            answer = browser.post(f"{BASE_URL}/api/v1/login", json=CITIZEN)
        started = checked(answer)
        if started["method"] == "push":
            accept_push(started["check_number"])
            checked(browser.get(f"{BASE_URL}/api/v1/login/push"))
        else:
            sms = checked(requests.get(f"{BASE_URL}/api/dev/outbox", params={"to": "+48600100008"}))[0]["text"]
            checked(browser.post(f"{BASE_URL}/api/v1/login/sms-code", json={"code": re.search(r"\b\d{6}\b", sms).group()}))
        token = browser.cookies.get(SESSION_COOKIE)
        if not token:
            raise RuntimeError("signed in, but no session cookie was set")
        return token

    def set(self, case, token, context):
        case.headers = {**(case.headers or {}), "Origin": BASE_URL}
        case.cookies = {**(case.cookies or {}), SESSION_COOKIE: token}


@schemathesis.hook
def after_call(context, case, response):
    if case.operation.label == PASSWORD_CHANGE and response.status_code == 204:
        CITIZEN["password"] = case.body["password"]


def accept_push(check_number):
    """Accepts the citizen's newest push request in the simulated mObywatel."""
    waiting = [r for r in checked(requests.get(f"{BASE_URL}/api/dev/mobywatel/{CITIZEN['login']}/requests")) if r["state"] == "pending"]
    checked(requests.post(f"{BASE_URL}/api/dev/mobywatel/requests/{waiting[0]['id']}", json={"answer": "accept", "number": check_number}))


def checked(response):
    """The answer's JSON body, if the request succeeded; else the sign-in fails loudly."""
    if not response.ok:
        raise RuntimeError(f"{response.request.method} {response.url}: {response.status_code} {response.text}")
    return response.json()


def citizen(number):
    """A registration that follows every rule, with a username of its own."""
    return {
        "username": f"citizen_{number}",
        "password": "Tajne#Haslo1",
        "password_repeat": "Tajne#Haslo1",
        "first_name": "Jan",
        "surname": "Kowalski",
        "pesel": "44051401359",
        "email": "jan@example.pl",
        "email_repeat": "jan@example.pl",
        "phone": "600 123 456",
        "phone_repeat": "600123456",
        "confirmation": {"method": "e_id"},
        "consent": True,
    }


def with_body(case, body):
    case.body = body
    return case


@schemathesis.hook
def flatmap_case(context, case):
    if context.operation is None or context.operation.label != REGISTRATION or case.meta is None or not case.meta.generation.mode.is_positive:
        return st.just(case)
    return st.one_of(st.just(case), st.integers(min_value=1, max_value=10**9).map(lambda number: with_body(case, citizen(number))))
