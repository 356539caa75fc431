// The S3-compatible server of the *ITCase tests (S3ServerExtension starts it, once per test run):
// s3rver on 127.0.0.1, a port the system chooses, objects kept in the folder given as the first
// argument, with the buckets named by the other arguments. It prints "listening on <port>" when
// it serves, and ends when its standard input closes (its JVM died) or on SIGTERM.
const { Transform } = require('stream');
const S3rver = require('s3rver');

// Uploads signed chunk by chunk (SigV4 "aws-chunked": what the AWS SDK sends over plain http, for
// PUT Object and Upload Part) come framed as "<hex size>;chunk-signature=<sig>\r\n<data>\r\n"
// ..., ending with a chunk of size 0. s3rver would store those frames as the object's bytes; this
// takes the data out of them before s3rver reads the request.
class AwsChunkDecoder extends Transform {
  constructor() {
    super();
    this.buffer = Buffer.alloc(0);
    this.remaining = -1; // bytes of data left in the current chunk; -1: a chunk header is next
    this.done = false;
  }

  _transform(data, encoding, callback) {
    this.buffer = Buffer.concat([this.buffer, data]);
    try {
      this.drain();
      callback();
    } catch (err) {
      callback(err);
    }
  }

  drain() {
    while (!this.done) {
      if (this.remaining < 0) {
        const eol = this.buffer.indexOf('\r\n');
        if (eol < 0) return;
        const header = this.buffer.subarray(0, eol).toString('latin1');
        const size = parseInt(header.split(';')[0], 16);
        if (Number.isNaN(size)) throw new Error(`bad aws-chunked header: ${header}`);
        this.buffer = this.buffer.subarray(eol + 2);
        this.remaining = size;
        if (size === 0) this.done = true;
      } else {
        // the chunk's data, then its closing \r\n
        if (this.buffer.length < this.remaining + 2) {
          if (this.remaining > 0 && this.buffer.length > 0) {
            const n = Math.min(this.buffer.length, this.remaining);
            this.push(this.buffer.subarray(0, n));
            this.buffer = this.buffer.subarray(n);
            this.remaining -= n;
          }
          return;
        }
        this.push(this.buffer.subarray(0, this.remaining));
        this.buffer = this.buffer.subarray(this.remaining + 2);
        this.remaining = -1;
      }
    }
  }
}

// Completing a multipart upload that no longer exists (already completed: what a Flink job resumed
// from a checkpoint does again for parts its crash left uncommitted) is "404 NoSuchUpload" on S3;
// s3rver fails it with a 500 (its upload folder is gone), which S3A retries for minutes.
const FilesystemStore = require('s3rver/lib/stores/filesystem');
const S3Error = require('s3rver/lib/models/error');
const putObjectMultipart = FilesystemStore.prototype.putObjectMultipart;
FilesystemStore.prototype.putObjectMultipart = async function (bucket, uploadId, parts) {
  try {
    return await putObjectMultipart.call(this, bucket, uploadId, parts);
  } catch (err) {
    if (err.code === 'ENOENT') {
      throw new S3Error(
        'NoSuchUpload',
        'The specified upload does not exist. The upload ID may be invalid, or the upload may'
          + ' have been aborted or completed.',
        { UploadId: uploadId },
      );
    }
    throw err;
  }
};

const directory = process.argv[2];
if (!directory) {
  console.error('usage: node server.js <directory>');
  process.exit(2);
}
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  directory,
  silent: true,
  // path-style requests only (http://127.0.0.1:port/bucket/key), as the tests configure
  vhostBuckets: false,
  configureBuckets: process.argv.slice(3).map(name => ({ name })),
});
server.middleware.unshift(async (ctx, next) => {
  const req = ctx.req;
  if (req.headers['x-amz-content-sha256'] === 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD') {
    const decoded = req.pipe(new AwsChunkDecoder());
    for (const name of ['headers', 'method', 'url', 'httpVersion', 'socket', 'connection']) {
      decoded[name] = req[name];
    }
    const length = req.headers['x-amz-decoded-content-length'];
    if (length !== undefined) {
      req.headers['content-length'] = length;
    }
    ctx.req = decoded;
  }
  await next();
});
server.run().then(
  ({ port }) => console.log(`listening on ${port}`),
  err => {
    console.error(err);
    process.exit(1);
  },
);
const stop = () => server.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
