"""Where browsers report what the Content-Security-Policy blocked: to the log.

Reports come from anyone's browser, so each is small (REPORT_MAX_BYTES) and each
address may send a few a minute (CSP_REPORT_RATE); past either, nothing is
logged. A report is written as one line of the fields worth reading.
"""

import json
import logging

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from catalog.api.throttling import AddressRateThrottle

REPORT_MAX_BYTES = 8 * 1024
FIELDS = (
    "document-uri",
    "violated-directive",
    "effective-directive",
    "blocked-uri",
    "source-file",
    "line-number",
    "column-number",
    "script-sample",
)
FIELD_MAX_CHARS = 300

logger = logging.getLogger(__name__)


class ReportThrottle(AddressRateThrottle):
    scope = "csp-report"
    rate_setting = "CSP_REPORT_RATE"


def read_report(body):
    """The report's fields worth logging, or None if it is not a CSP report."""
    try:
        report = json.loads(body).get("csp-report")
    except (ValueError, AttributeError):
        return None
    if not isinstance(report, dict):
        return None
    return {
        name: str(report[name])[:FIELD_MAX_CHARS] for name in FIELDS if name in report
    }


@csrf_exempt
@require_POST
def csp_report(request):
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > REPORT_MAX_BYTES:
        return HttpResponse("A report is at most 8 KiB.", status=413)
    throttle = ReportThrottle()
    if not throttle.allow_request(request, view=None):
        response = HttpResponse("Too many reports.", status=429)
        response["Retry-After"] = str(int(throttle.wait() or 60))
        return response
    report = read_report(request.body)
    if report is None:
        return HttpResponse("Send a JSON body with a csp-report object.", status=400)
    logger.warning("Content-Security-Policy violation: %s", json.dumps(report))
    return HttpResponse(status=204)
