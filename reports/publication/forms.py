from django import forms

from reports.publication.models import PublicSection


class SectionForm(forms.ModelForm):
    class Meta:
        model = PublicSection
        fields = ["slug", "contact_name", "contact_position", "contact_email", "contact_phone"]

    def validate_unique(self):
        # The service says when an address is taken, next to the field.
        pass


class ToggleForm(forms.Form):
    source = forms.CharField(max_length=40)
    key = forms.CharField(max_length=100)
    publish = forms.BooleanField(required=False)
