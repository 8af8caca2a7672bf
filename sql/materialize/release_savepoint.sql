-- Forgets a savepoint once what followed it has succeeded.
RELEASE SAVEPOINT {{ident:name}}
