# expect: base-image-not-minimal
FROM registry.access.redhat.com/ubi9:9.4
