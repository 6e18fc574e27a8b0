from django.core.management.commands import makemessages


class Command(makemessages.Command):
    # Fuzzy guesses put wrong Russian next to new English strings; we want them empty instead.
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
