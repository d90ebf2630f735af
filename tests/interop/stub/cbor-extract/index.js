// cbor-x treats a failing require('cbor-extract') as "no native acceleration".
throw new Error('cbor-extract stub: cbor-x runs in pure JavaScript');
