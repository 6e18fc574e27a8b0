"""What the order register tells the packages built on it (reports.statute approves its Положение)."""

from django.dispatch import Signal

# Sent inside the registration's transaction with ``order``: a registered order, numbered and dated.
order_registered = Signal()
