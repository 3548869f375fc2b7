"""Pure extraction: from one page's HTML (and its URL) to contacts, profiles and addresses."""
