"""Validates api-mock's OpenAPI document with openapi-spec-validator and prints every error.

Usage: python validate.py DOCUMENT_URL
"""

import json
import sys
import urllib.request

from openapi_spec_validator import OpenAPIV31SpecValidator


def main(url):
    with urllib.request.urlopen(url) as answer:
        document = json.load(answer)
    errors = list(OpenAPIV31SpecValidator(document).iter_errors())
    for error in errors:
        print(f"{'/'.join(map(str, error.absolute_path)) or '(document)'}: {error.message}")
    if errors:
        sys.exit(f"{url}: {len(errors)} errors")
    operations = sum(1 for item in document["paths"].values() for key in item if key in ("get", "put", "post", "delete", "patch"))
    print(f"{url}: valid OpenAPI {document['openapi']}, {operations} operations, {len(document['components']['schemas'])} schemas")


if __name__ == "__main__":
    main(sys.argv[1])
