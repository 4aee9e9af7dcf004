// Ink imports react-devtools-core only when DEV is set; the bundle ships this stub instead.
export default { initialize() {}, connectToDevTools() {} };
