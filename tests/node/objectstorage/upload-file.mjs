// Uploads one file with Oracle's official UploadManager, as an application would.
// Usage: node objectstorage/upload-file.mjs <bucket> <object-name> <file> <part-size-bytes> <content-type>
// Prints {"eTag", "multipartMd5"} (multipartMd5 only when the upload went multipart).
import os from "oci-objectstorage";
import { createClient, namespaceName } from "./client.mjs";

const [bucketName, objectName, filePath, partSize, contentType] = process.argv.slice(2);
const manager = new os.UploadManager(createClient(), { partSize: Number(partSize) });
const response = await manager.upload({ content: { filePath }, requestDetails: { namespaceName, bucketName, objectName, contentType } });
console.log(JSON.stringify({ eTag: response.eTag, multipartMd5: response.multipartMd5 }));
