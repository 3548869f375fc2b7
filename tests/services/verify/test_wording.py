"""The phrase groups of real replies: "unknown" alone is never a missing mailbox."""

from __future__ import annotations

import pytest

from spidernest.services.verify import wording


@pytest.mark.parametrize(
    "text",
    [
        "Unknown error",
        "Unbekannter Fehler",
        "Erreur inconnue",
        "Error desconocido",
        "Errore sconosciuto",
        "Onbekende fout",
        "Неизвестная ошибка",
    ],
)
def test_an_unknown_error_is_not_an_unknown_user(text: str) -> None:
    assert not wording.NOT_FOUND.search(text)


@pytest.mark.parametrize(
    "text",
    [
        "Benutzer unbekannt",
        "Utilisateur inconnu",
        "Usuario desconocido",
        "Utente sconosciuto",
        "Onbekende gebruiker",
        "Пользователь не найден",
        "用户不存在",
    ],
)
def test_an_unknown_user_in_other_languages(text: str) -> None:
    assert wording.NOT_FOUND.search(text)


@pytest.mark.parametrize(
    "text",
    [
        "Sorry, your message to x@example.com cannot be delivered. This account has been disabled",
        "Please try double-checking the recipient's email address for typos",
    ],
)
def test_mailbox_replies_that_mention_a_message_are_not_about_us(text: str) -> None:
    assert not wording.ABOUT_US.search(text)
