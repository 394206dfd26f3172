"""Text from an email: HTML to text, cleaning, and the keys that compare names."""
