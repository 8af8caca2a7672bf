-- Undoes what followed the savepoint (a refused table swap), keeping the transaction open.
ROLLBACK TO SAVEPOINT {{ident:name}}
