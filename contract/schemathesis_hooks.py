"""schemathesis hooks for the contract check.

No generator invents a registration that follows every rule (a PESEL with its check digit, the
password typed twice, a call window among the next working days), so the links from
POST /api/v1/registrations would lead nowhere. Half of the positive registrations are therefore a
valid citizen with a fresh username: stateful testing then follows the links to the registration,
its SMS code and the resend. Negative cases are left as generated.
"""

import schemathesis
from hypothesis import strategies as st

REGISTRATION = "POST /api/v1/registrations"


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
