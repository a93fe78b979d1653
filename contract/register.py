"""Registers a citizen through the client openapi-python-client generated from api-mock's
document: sets the mock's clock (RFC 3339), creates the registration, reads the SMS code from the
dev outbox, confirms it and reads where the registration stands.

Usage: python register.py BASE_URL (with the generated package `pz_client` on PYTHONPATH)
"""

import datetime
import re
import sys

from pz_client import Client
from pz_client.api.dev import list_outbox, set_clock
from pz_client.api.registration import confirm_sms_code, create_registration, get_registration
from pz_client.models import (
    ClockState,
    ConfirmationEId,
    ConfirmationEIdMethod,
    RegistrationCreated,
    RegistrationRequest,
    RegistrationState,
    RegistrationStatus,
    SetClock,
    SmsCodeAccepted,
    SmsCodeRequest,
)

PHONE = "+48600123456"


def expect(response, status, kind):
    """The parsed answer, if it has the status and the type expected; else the run fails."""
    if response.status_code != status or not isinstance(response.parsed, kind):
        sys.exit(f"expected {status} with {kind.__name__}, got {response.status_code}: {response.content!r}")
    return response.parsed


def main(base_url):
    client = Client(base_url=base_url)
    halloween = datetime.datetime(2023, 10, 31, 23, 59, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
    clock = expect(set_clock.sync_detailed(client=client, body=SetClock(now=halloween)), 200, ClockState)
    assert clock.today == datetime.date(2023, 10, 31), clock

    request = RegistrationRequest(
        username="contract_citizen",
        password="Tajne#Haslo1",
        password_repeat="Tajne#Haslo1",
        first_name="Jan",
        surname="Kowalski",
        pesel="44051401359",
        email="jan@example.pl",
        email_repeat="jan@example.pl",
        phone="600 123 456",
        phone_repeat="600123456",
        confirmation=ConfirmationEId(method=ConfirmationEIdMethod.E_ID),
        consent=True,
    )
    created = expect(create_registration.sync_detailed(client=client, body=request, idempotency_key="contract-check"), 201, RegistrationCreated)

    outbox = expect(list_outbox.sync_detailed(client=client, to=PHONE), 200, list)
    code = re.search(r"\b\d{6}\b", outbox[0].text).group()
    accepted = expect(confirm_sms_code.sync_detailed(created.id, client=client, body=SmsCodeRequest(code=code)), 200, SmsCodeAccepted)

    status = expect(get_registration.sync_detailed(created.id, client=client), 200, RegistrationStatus)
    assert status.state == RegistrationState.AWAITING_IDENTITY, status
    assert status.application_number == accepted.application_number, status
    print(f"registered {created.id} on {clock.today}: the SMS code confirmed, application {accepted.application_number}")


if __name__ == "__main__":
    main(sys.argv[1])
