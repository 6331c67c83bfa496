from django.contrib import admin

from accounts.login_guard import GuardedAdminAuthenticationForm

# The admin's sign-in is guarded like the site's.
admin.site.login_form = GuardedAdminAuthenticationForm
