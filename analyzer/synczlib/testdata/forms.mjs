import zlib from 'node:zlib';
import { gunzipSync, createGunzip } from 'zlib';
import * as z from 'zlib';
import pako from 'pako';
import { Transform } from 'node:stream';
import { createServer } from 'node:http';

const bundle = zlib.gzipSync(Buffer.from('x')); // start-up: not reported

class Inflater extends Transform {
  _transform(chunk, enc, cb) {
    this.push(zlib.inflateSync(chunk)); // want "zlib.inflateSync blocks the event loop in method _transform .*per KB.*zlib.inflate"
    cb();
  }
}

createServer(async (req, res) => {
  gunzipSync(bundle); // want "zlib.gunzipSync blocks"
  z.brotliCompressSync(bundle); // want "zlib.brotliCompressSync blocks"
  z.deflateRawSync(bundle); // want "zlib.deflateRawSync"
  pako.inflate(bundle); // want "pako.inflate blocks"
  req.pipe(createGunzip()).pipe(res);
  zlib.gzip(bundle, () => {});
  new Inflater();
}).listen(0);
