-- Text sorts by bytes (C collation), as on Redshift, whatever the cluster's default locale.
CREATE DATABASE {{ident:database}} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C';
