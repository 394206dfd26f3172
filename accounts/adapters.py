from __future__ import annotations

import logging
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialAccount, SocialLogin, SocialToken
from allauth.socialaccount.providers.base import AuthProcess
from allauth.socialaccount.providers.google import views as google_views
from allauth.socialaccount.providers.google.provider import GoogleProvider
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest
from django.urls import reverse

logger = logging.getLogger("jobtrail.accounts")

#: Where parse_token leaves the scopes Google granted (not a model field: never saved).
_GRANTED_SCOPES = "jobtrail_granted_scopes"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return bool(settings.ACCOUNT_ALLOW_REGISTRATION)

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        # allauth counts failed logins per address ("5/300s/key"): five wrong passwords
        # from anywhere locked the owner out. Counted per address *and* client address,
        # a stranger's guesses lock only the stranger; the per-IP limit ("10/m/ip") stays.
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{self.get_client_ip(request)}"


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        return bool(settings.ACCOUNT_ALLOW_REGISTRATION)

    def get_provider(self, request: HttpRequest, provider: Any, client_id: Any = None) -> Any:
        instance = super().get_provider(request, provider, client_id)
        if type(instance) is GoogleProvider:
            return JobtrailGoogleProvider(request, app=instance.app)
        return instance

    def authenticate_by_email(self, sociallogin: SocialLogin) -> tuple[Any, str] | None:
        """The account a Google sign-in may enter by its address alone, if any.

        Only a plain sign-in ("Continue with Google"; never "Connect Gmail", which must
        not switch accounts), only an address its owner verified here (a link mailed to
        it, or Google vouching for it at a Google sign-up), and only an account without
        a Google identity of its own: one with another identity linked belongs to whoever
        holds that identity, and entering it would hand them this user's Gmail.
        """
        if sociallogin.state.get("process", AuthProcess.LOGIN) != AuthProcess.LOGIN:
            return None
        for address in sociallogin.email_addresses:
            if not address.verified or not self.can_authenticate_by_email(sociallogin, address.email):
                continue
            owner = _verified_owner(address.email)
            if owner is not None:
                return owner, address.email
        return None

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        super().pre_social_login(request, sociallogin)
        if getattr(sociallogin, "_did_authenticate_by_email", None):
            from accounts.actions import do_secure_email_authentication

            do_secure_email_authentication(sociallogin.user, provider=sociallogin.account.provider)
        # Sign-in of a known user, or "Connect Gmail" from the settings page. New
        # users get their grant in save_user, once they exist.
        owner = _owner_of_grant(request, sociallogin)
        if owner is not None:
            _store_grant(request, owner, sociallogin)

    def save_user(self, request: HttpRequest, sociallogin: SocialLogin, form: Any = None) -> Any:
        user = super().save_user(request, sociallogin, form)
        _store_grant(request, user, sociallogin)
        return user

    def get_connect_redirect_url(self, request: HttpRequest, socialaccount: Any) -> str:
        return reverse("settings")


class GoogleOAuth2Adapter(google_views.GoogleOAuth2Adapter):
    """allauth's Google adapter, with Google's endpoints read from settings.

    allauth reads them once, at import; reading them per request keeps GOOGLE_*_URI
    the single place they are configured (and lets tests point them at a fake).
    """

    def __init__(self, request: HttpRequest) -> None:
        super().__init__(request)
        self.access_token_url = settings.GOOGLE_TOKEN_URI
        self.authorize_url = settings.GOOGLE_AUTHORIZE_URL
        self.identity_url = settings.GOOGLE_USERINFO_URL

    def parse_token(self, data: dict[str, Any]) -> SocialToken:
        token = super().parse_token(data)
        setattr(token, _GRANTED_SCOPES, str(data.get("scope") or ""))
        return token


class JobtrailGoogleProvider(GoogleProvider):
    oauth2_adapter_class = GoogleOAuth2Adapter

    def get_auth_params_from_request(self, request: HttpRequest, action: Any) -> dict[str, Any]:
        params: dict[str, Any] = super().get_auth_params_from_request(request, action)
        # Google issues a refresh token only on the consent screen. Ask for it
        # whenever we may not hold one (an anonymous sign-in cannot tell).
        if "consent" not in str(params.get("prompt", "")) and not _holds_refresh_token(request):
            params["prompt"] = "consent"
        return params


#: The OAuth callback, served at allauth's own path (see accounts/urls.py).
google_callback = OAuth2CallbackView.adapter_view(GoogleOAuth2Adapter)


def _holds_refresh_token(request: HttpRequest) -> bool:
    from accounts.models import can_use_gmail

    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated and can_use_gmail(user.pk)


def _verified_owner(email: str) -> Any:
    addresses = list(EmailAddress.objects.filter(email__iexact=email, verified=True).select_related("user")[:2])
    if len(addresses) != 1 or not addresses[0].user.is_active:
        return None
    user = addresses[0].user
    if SocialAccount.objects.filter(user=user, provider=GoogleProvider.id).exists():
        return None
    return user


def _owner_of_grant(request: HttpRequest, sociallogin: SocialLogin) -> Any:
    """The account the Google identity behind `sociallogin` belongs to, or is being linked to.

    Never merely the signed-in user: the grant reads that identity's mailbox, so it is
    stored only where that identity signs in.
    """
    if sociallogin.account.pk is not None:
        # A linked identity: its account. When "Connect Gmail" came from another
        # account, allauth refuses to link it, and nothing is stored.
        owner = sociallogin.account.user
        if sociallogin.state.get("process") == AuthProcess.CONNECT and owner != getattr(request, "user", None):
            return None
        return owner
    if sociallogin.state.get("process") == AuthProcess.CONNECT:
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None
    if getattr(sociallogin, "_did_authenticate_by_email", None):
        # authenticate_by_email chose this account; allauth links the identity to it
        # (SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT).
        return sociallogin.user
    return None  # a new account: save_user stores the grant once it exists


def _store_grant(request: HttpRequest, user: Any, sociallogin: SocialLogin) -> None:
    from accounts.actions import do_store_gmail_tokens
    from accounts.models import GmailCredential

    token = sociallogin.token
    if sociallogin.account.provider != GoogleProvider.id or token is None:
        return
    granted = getattr(token, _GRANTED_SCOPES, "")
    if granted and settings.GMAIL_SCOPE not in granted.split():
        # Google lets users untick single permissions on the consent screen.
        messages.warning(
            request,
            "Gmail was not connected: Google did not grant permission to read email. "
            "Connect Gmail again and tick “View your email messages and settings”.",
        )
        return
    refresh_token = token.token_secret or ""
    if not refresh_token and not GmailCredential.objects.filter(user=user, revoked_at__isnull=True).exists():
        logger.warning("user %s: Google sent no refresh token and none is stored", user.pk)
        messages.warning(request, "Gmail was not connected: Google sent no lasting access. Connect Gmail again.")
        return
    do_store_gmail_tokens(
        user,
        refresh_token=refresh_token,
        access_token=token.token,
        expires_at=token.expires_at,
        scopes=granted,
        email=str(sociallogin.account.extra_data.get("email") or ""),
    )
