//! Sparse rows and a compressed-sparse-row matrix of them.

use linfa::dataset::Records;

/// One sparse row: strictly increasing column indices and their values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseRow {
    /// Column indices, strictly increasing.
    pub indices: Vec<u32>,
    /// Values, one per index.
    pub values: Vec<f32>,
}

impl SparseRow {
    /// The Euclidean norm of the row.
    pub fn norm(&self) -> f64 {
        self.values
            .iter()
            .map(|&v| f64::from(v) * f64::from(v))
            .sum::<f64>()
            .sqrt()
    }

    /// Borrows the row.
    pub fn view(&self) -> RowView<'_> {
        RowView {
            indices: &self.indices,
            values: &self.values,
        }
    }
}

/// A borrowed sparse row.
#[derive(Debug, Clone, Copy)]
pub struct RowView<'a> {
    /// Column indices, strictly increasing.
    pub indices: &'a [u32],
    /// Values, one per index.
    pub values: &'a [f32],
}

impl RowView<'_> {
    /// Iterates over `(column, value)` pairs.
    pub fn iter(&self) -> impl Iterator<Item = (usize, f64)> + '_ {
        self.indices
            .iter()
            .zip(self.values)
            .map(|(&j, &v)| (j as usize, f64::from(v)))
    }
}

/// A compressed-sparse-row matrix: the records of a training set.
#[derive(Debug, Clone, PartialEq)]
pub struct CsrMatrix {
    n_cols: usize,
    indptr: Vec<usize>,
    indices: Vec<u32>,
    values: Vec<f32>,
}

impl CsrMatrix {
    /// An empty matrix with `n_cols` columns.
    pub fn new(n_cols: usize) -> Self {
        CsrMatrix {
            n_cols,
            indptr: vec![0],
            indices: Vec::new(),
            values: Vec::new(),
        }
    }

    /// Builds a matrix from rows; every index must be below `n_cols`.
    pub fn from_rows<'a>(n_cols: usize, rows: impl IntoIterator<Item = RowView<'a>>) -> Self {
        let mut m = CsrMatrix::new(n_cols);
        for r in rows {
            m.push_row(r);
        }
        m
    }

    /// Appends a row.
    pub fn push_row(&mut self, row: RowView<'_>) {
        debug_assert!(row.indices.iter().all(|&j| (j as usize) < self.n_cols));
        self.indices.extend_from_slice(row.indices);
        self.values.extend_from_slice(row.values);
        self.indptr.push(self.indices.len());
    }

    /// Number of rows.
    pub fn n_rows(&self) -> usize {
        self.indptr.len() - 1
    }

    /// Number of columns.
    pub fn n_cols(&self) -> usize {
        self.n_cols
    }

    /// Number of stored values.
    pub fn nnz(&self) -> usize {
        self.indices.len()
    }

    /// Row `i`.
    pub fn row(&self, i: usize) -> RowView<'_> {
        let (a, b) = (self.indptr[i], self.indptr[i + 1]);
        RowView {
            indices: &self.indices[a..b],
            values: &self.values[a..b],
        }
    }

    /// The rows whose positions are listed in `rows`, in that order.
    pub fn select_rows(&self, rows: &[usize]) -> CsrMatrix {
        CsrMatrix::from_rows(self.n_cols, rows.iter().map(|&i| self.row(i)))
    }

    /// The transpose, as another CSR matrix (rows become columns): the column-major view that
    /// products `Xᵀv` read sequentially.
    pub fn transpose(&self) -> CsrMatrix {
        let mut counts = vec![0usize; self.n_cols + 1];
        for &j in &self.indices {
            counts[j as usize + 1] += 1;
        }
        for j in 0..self.n_cols {
            counts[j + 1] += counts[j];
        }
        let indptr = counts.clone();
        let mut next = counts;
        let mut indices = vec![0u32; self.nnz()];
        let mut values = vec![0f32; self.nnz()];
        for i in 0..self.n_rows() {
            let row = self.row(i);
            for (&j, &v) in row.indices.iter().zip(row.values) {
                let at = next[j as usize];
                indices[at] = i as u32;
                values[at] = v;
                next[j as usize] += 1;
            }
        }
        CsrMatrix {
            n_cols: self.n_rows(),
            indptr,
            indices,
            values,
        }
    }

    /// A dense copy (for tests and small problems).
    pub fn to_dense(&self) -> ndarray::Array2<f64> {
        let mut d = ndarray::Array2::zeros((self.n_rows(), self.n_cols));
        for i in 0..self.n_rows() {
            for (j, v) in self.row(i).iter() {
                d[[i, j]] = v;
            }
        }
        d
    }
}

impl Records for &CsrMatrix {
    type Elem = f32;

    fn nsamples(&self) -> usize {
        self.n_rows()
    }

    fn nfeatures(&self) -> usize {
        self.n_cols
    }
}
