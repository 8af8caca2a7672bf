-- A point the publishing transaction can return to if the table swap is refused.
SAVEPOINT {{ident:name}}
