"""Events that the pages of every package raise and other packages act on, so that accounts (the
base of every package) imports none of them."""

from django.dispatch import Signal

# A response of a view of the product has been made (TenantPermissionMixin): the register of
# downloads (reports.export_log) writes down the files among them. Arguments: request, response,
# personal_data (whether the view's files carry personal data).
response_made = Signal()
