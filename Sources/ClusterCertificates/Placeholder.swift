/// Placeholder until certificate generation lands (issue 6).
enum ClusterCertificatesPlaceholder {}
