"""Events of the registries that the packages above them act on (the registries import none of them)."""

from django.dispatch import Signal

# A person's consent to processing has ended by withdrawal (arguments: participant, on, by): without
# it nobody stays in a pair or group (mentoring.pairs acts on it). Sent inside the withdrawal's
# transaction, so what the receivers change is saved or undone with it. A receiver returns what it
# changed as sentences for the user (or nothing); the withdrawal is never refused by a receiver.
processing_consent_withdrawn = Signal()

# A person has been depersonalized (argument: participant), inside the depersonalization's transaction:
# the packages above clear what of theirs is free text about the person or history of it.
participant_depersonalized = Signal()
