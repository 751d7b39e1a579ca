using Iq.Rules.Binding;


namespace Iq.Engine.Facts;

/// <summary>The fact schema: every root a checklist may read, with types and descriptions. One source
/// for the binder (paths and types checked before anything runs), the bundle reader (documents validated
/// against it), docs/facts.md and the published JSON Schema.</summary>
public sealed class FactSchema : IFactSchema
{
    static FactMember M(string name, IqType type, string description) => new(name, type, description);
    static ObjectType Obj(string name, params FactMember[] members) => new(name, members);
    static ListType ListOf(IqType t) => new(t);

    static readonly ObjectType Environment = Obj("environment",
        M("host", Obj("host", M("name", IqType.String, "host name"), M("id", IqType.String, "machine id (/etc/machine-id)")), "the machine"),
        M("os", Obj("os",
            M("name", IqType.String, "OS name (os-release NAME)"),
            M("id", IqType.String, "OS id (os-release ID), e.g. debian, ubuntu, rhel"),
            M("version", IqType.Version, "OS version (os-release VERSION_ID)"),
            M("pretty_name", IqType.String, "OS display name"),
            M("kernel", IqType.String, "kernel release string"),
            M("kernel_version", IqType.Version, "kernel version, numeric part"),
            M("architecture", IqType.String, "CPU architecture, e.g. x86_64, aarch64"),
            M("virtualization", IqType.String, "none, kvm, vmware, hyperv, xen, … (as detected)"),
            M("container", IqType.String, "none, docker, containerd, podman, lxc, … (as detected)")), "operating system"),
        M("cpu", Obj("cpu",
            M("model", IqType.String, "CPU model name"),
            M("vendor", IqType.String, "CPU vendor id"),
            M("sockets", IqType.Number, "physical packages"),
            M("physical_cores", IqType.Number, "physical cores, all sockets"),
            M("logical_cores", IqType.Number, "logical processors (hardware threads)"),
            M("frequency_mhz", IqType.Number, "maximum (else current) frequency in MHz"),
            M("flags", ListOf(IqType.String), "CPU flags of note (avx2, avx512f, …)")), "processors"),
        M("memory", Obj("memory",
            M("total", IqType.Size, "installed memory visible to the OS"),
            M("available", IqType.Size, "memory available for new work"),
            M("swap_total", IqType.Size, "swap space")), "memory"),
        M("storage", ListOf(Obj("mount",
            M("mount", IqType.String, "mount point"),
            M("device", IqType.String, "block device"),
            M("filesystem", IqType.String, "filesystem type"),
            M("size", IqType.Size, "capacity"),
            M("free", IqType.Size, "free space"),
            M("rotational", IqType.Bool, "true for spinning disks, false for SSD/NVMe"))), "mounted filesystems"),
        M("network", ListOf(Obj("interface",
            M("name", IqType.String, "interface name"),
            M("up", IqType.Bool, "operational state is up"),
            M("mtu", IqType.Number, "MTU in bytes"),
            M("speed_mbps", IqType.Number, "link speed in Mbit/s"),
            M("addresses", ListOf(IqType.String), "IP addresses"),
            M("infiniband", IqType.Bool, "an InfiniBand interface"))), "network interfaces"),
        M("gpus", ListOf(Obj("gpu",
            M("index", IqType.Number, "GPU index"),
            M("name", IqType.String, "GPU model"),
            M("memory", IqType.Size, "GPU memory"),
            M("driver", IqType.Version, "driver version"),
            M("cuda", IqType.Version, "CUDA version the driver supports"),
            M("uuid", IqType.String, "GPU UUID"))), "GPUs (an empty list when there are none)"),
        M("security", Obj("security",
            M("ssh_password_authentication", IqType.String, "sshd PasswordAuthentication (yes/no)"),
            M("ssh_permit_root_login", IqType.String, "sshd PermitRootLogin"),
            M("firewall", IqType.String, "firewall in use: nftables, iptables, ufw, firewalld or none"),
            M("selinux", IqType.String, "SELinux mode, or absent"),
            M("apparmor", IqType.String, "AppArmor state, or absent")), "security-relevant settings"));

    static readonly ObjectType Software = Obj("software",
        M("name", IqType.String, "component name"),
        M("version", IqType.Version, "installed version"),
        M("source", IqType.String, "where the version was read: dpkg, rpm, command, python"),
        M("path", IqType.String, "executable or package path"));

    static readonly ObjectType HardwareRequirement = Obj("hardware requirement",
        M("logical_cores", IqType.Number, "logical processors"),
        M("memory", IqType.Size, "memory"),
        M("gpu_count", IqType.Number, "number of GPUs"),
        M("gpu_memory", IqType.Size, "memory per GPU"),
        M("storage", IqType.Size, "storage capacity"),
        M("network_mbps", IqType.Number, "network bandwidth in Mbit/s"));

    static readonly ObjectType Plan = Obj("plan",
        M("product", Obj("product", M("name", IqType.String, "product name"), M("version", IqType.Version, "product version")), "the device software"),
        M("hardware", Obj("hardware", M("minimum", HardwareRequirement, "minimum configuration (Annex B.1.1.1)"),
            M("recommended", HardwareRequirement, "recommended configuration")), "hardware requirements"),
        M("software", ListOf(Obj("software requirement",
            M("name", IqType.String, "component, as named in the software inventory"),
            M("min_version", IqType.Version, "lowest acceptable version"),
            M("max_version", IqType.Version, "highest acceptable version"),
            M("required", IqType.Bool, "must be installed"))), "software requirements (Annex B.1.1.2)"),
        M("stages", ListOf(Obj("stage",
            M("id", IqType.String, "stage letter of 4.1.2, a) to h)"),
            M("name", IqType.String, "stage name"),
            M("planned", IqType.Bool, "scheduled in the plan"))), "installation stages (4.1.2)"),
        M("staff", ListOf(Obj("staff member",
            M("name", IqType.String, "person"),
            M("role", IqType.String, "role in the RACI matrix"),
            M("qualification", IqType.String, "professional background"))), "installation staff (B.1.2.2)"),
        M("raci", ListOf(Obj("raci row",
            M("activity", IqType.String, "activity (Annex A)"),
            M("responsible", ListOf(IqType.String), "roles marked R"),
            M("accountable", ListOf(IqType.String), "roles marked A"),
            M("consulted", ListOf(IqType.String), "roles marked C"),
            M("informed", ListOf(IqType.String), "roles marked I"))), "RACI matrix (Annex A)"));

    public IReadOnlyList<FactRoot> Roots { get; } =
    [
        new("env", "environment", Environment, "the probed machine (iq probe)"),
        new("software", "software", new MapType(Software), "installed software by name (iq probe)"),
        new("plan", "plan", Plan, "the installation plan (4.1, Annex B.1)"),
        new("custom", "custom", IqType.Any, "anything else; types checked when the checklist runs"),
    ];
    // Last: static fields initialise in textual order, and this one needs the types above.
    public static readonly FactSchema Default = new();
}
